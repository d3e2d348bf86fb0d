"""Terms and billing frequencies of new-commerce subscriptions.

Partner Center offers terms of one month, one year and three years (``termDuration`` ``P1M``,
``P1Y``, ``P3Y``; source: ``developer/subscription-resources.md``), each billed on one of a few
plans (``billing-basics.md``, ``create-a-new-subscription.md``).

>>> from cspcore.billing import Term, BillingFrequency
>>> Term("P1Y").months, BillingFrequency.MONTHLY.value
(12, 'monthly')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

from cspcore import _validate
from cspcore._months import month_days, shifted
from cspcore.billing.windows import CotermRefused
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "VALID_PLANS",
    "BillingFrequency",
    "BillingFrequencySpelling",
    "Term",
    "TermSpelling",
    "calendar_aligned_end",
    "check_plan",
    "coterminous_end",
    "is_valid_plan",
    "term_end",
]


class Term(CspEnum):
    """A subscription's term, by its ISO 8601 duration as Partner Center writes it."""

    P1M = "P1M"
    """One month."""
    P1Y = "P1Y"
    """One year (12 months)."""
    P3Y = "P3Y"
    """Three years (36 months)."""

    @property
    def months(self) -> int:
        """The term's length in calendar months.

        >>> Term.P3Y.months
        36
        """
        return _TERM_MONTHS[self]


_TERM_MONTHS = {Term.P1M: 1, Term.P1Y: 12, Term.P3Y: 36}

#: The strings a :class:`Term` may be given as where a constructor takes one (its values and names), for
#: type checkers; at run time any spelling :class:`~cspcore.enums.CspEnum` finds is accepted.
TermSpelling: TypeAlias = Literal["P1M", "P1Y", "P3Y"]


class BillingFrequency(CspEnum):
    """How often a subscription is charged (its billing plan).

    Values follow Partner Center's ``BillingCycleType`` spellings (``developer/product-resources.md``).
    """

    MONTHLY = "monthly"
    """Charged every month."""
    ANNUAL = "annual"
    """Charged every year."""
    TRIENNIAL = "triennial"
    """Charged once every three years."""
    NONE = "none"
    """Not charged: trials."""

    @property
    def months(self) -> int | None:
        """The charge cycle's length in months, or None for trials.

        >>> BillingFrequency.ANNUAL.months, BillingFrequency.NONE.months
        (12, None)
        """
        return _FREQUENCY_MONTHS[self]


_FREQUENCY_MONTHS = {
    BillingFrequency.MONTHLY: 1,
    BillingFrequency.ANNUAL: 12,
    BillingFrequency.TRIENNIAL: 36,
    BillingFrequency.NONE: None,
}

#: The strings a :class:`BillingFrequency` may be given as (its values and names), for type checkers.
BillingFrequencySpelling: TypeAlias = Literal[
    "monthly", "annual", "triennial", "none", "MONTHLY", "ANNUAL", "TRIENNIAL", "NONE"
]


# -- valid plans ---------------------------------------------------------------------------------

#: The billing plans each term may be bought with (``create-a-new-subscription.md``, "Eligible
#: changes" tables): a monthly term is billed monthly; an annual term annually (upfront) or monthly;
#: a triennial term triennially (upfront), annually or monthly. ``NONE`` is for trials only.
VALID_PLANS: Final[Mapping[Term, frozenset[BillingFrequency]]] = MappingProxyType(
    {
        Term.P1M: frozenset({BillingFrequency.MONTHLY}),
        Term.P1Y: frozenset({BillingFrequency.ANNUAL, BillingFrequency.MONTHLY}),
        Term.P3Y: frozenset({BillingFrequency.TRIENNIAL, BillingFrequency.ANNUAL, BillingFrequency.MONTHLY}),
    }
)


def is_valid_plan(term: Term, frequency: BillingFrequency, *, trial: bool = False) -> bool:
    """Tell whether ``term`` may be billed with ``frequency``.

    Trials are one-month terms with the billing plan ``NONE`` (``pricing-and-offers.md``); paid
    subscriptions follow :data:`VALID_PLANS`.

    >>> is_valid_plan(Term.P1Y, BillingFrequency.MONTHLY), is_valid_plan(Term.P1M, BillingFrequency.ANNUAL)
    (True, False)
    >>> is_valid_plan(Term.P1M, BillingFrequency.NONE, trial=True)
    True
    """
    t = _validate.enum_member(Term, term, "term")
    f = _validate.enum_member(BillingFrequency, frequency, "frequency")
    if _validate.flag(trial, "trial"):
        return t is Term.P1M and f is BillingFrequency.NONE
    return f in VALID_PLANS[t]


def check_plan(term: Term, frequency: BillingFrequency, *, trial: bool = False) -> None:
    """Refuse a term and billing plan that Partner Center does not sell together.

    Raises:
        InvalidInput: naming ``term`` for a trial that is not a one-month term, and ``frequency``
            when the pair is not in :data:`VALID_PLANS` (or, for a trial, is not ``NONE``).

    >>> check_plan(Term.P1M, BillingFrequency.ANNUAL)
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: frequency: not sold with term P1M; expected one of: monthly ...
    """
    if not is_valid_plan(term, frequency, trial=trial):
        if trial and Term(term) is not Term.P1M:
            raise InvalidInput(
                "term", "trials are one-month terms; expected P1M", term, code=ErrorCode.NOT_ALLOWED
            )
        allowed = "none (trial)" if trial else ", ".join(sorted(f.value for f in VALID_PLANS[Term(term)]))
        raise InvalidInput(
            "frequency",
            f"not sold with term {Term(term).value}; expected one of: {allowed}",
            frequency,
            code=ErrorCode.NOT_ALLOWED,
        )


# -- end dates -----------------------------------------------------------------------------------


def _out_of_range(anchor: dt.date) -> InvalidInput:
    return InvalidInput("start", "the dates fall outside years 1-9999", anchor, code=ErrorCode.OUT_OF_RANGE)


def months_after(anchor: dt.date, months: int) -> dt.date:
    """``anchor`` plus ``months`` calendar months, clamped to the month's end (checked inputs only).

    The day a standard term of ``months`` months from ``anchor`` renews; a result outside years
    1-9999 raises :class:`~cspcore.errors.InvalidInput` for ``start``. A term's last day is
    :func:`last_day_before`, which is answered even when this day would be January 1, 10000.

    >>> months_after(dt.date(2021, 1, 31), 1)
    datetime.date(2021, 2, 28)
    """
    year, month, day = shifted(anchor, months)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise _out_of_range(anchor)
    return dt.date(year, month, day)


def last_day_before(anchor: dt.date, months: int) -> dt.date:
    """The day before :func:`months_after` ``(anchor, months)``: the last day of a term (checked inputs only).

    Worked out without the day after it, so a term whose last day is December 31, 9999 is answered;
    only a last day after it raises :class:`~cspcore.errors.InvalidInput` for ``start``
    (``out_of_range``).

    >>> last_day_before(dt.date(9999, 12, 1), 1), last_day_before(dt.date(9997, 1, 1), 36)
    (datetime.date(9999, 12, 31), datetime.date(9999, 12, 31))
    """
    year, month, day = shifted(anchor, months)
    if (year, month, day) == (dt.MAXYEAR + 1, 1, 1):
        return dt.date.max
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise _out_of_range(anchor)
    return dt.date(year, month, day) - _ONE_DAY


def latest_end(anchor: dt.date, months: int) -> dt.date:
    """The latest custom end of a term of ``months`` from ``anchor``: the day it would renew (checked inputs).

    A custom end may fall on the renewal day itself (see :func:`coterminous_end`). When that day is
    past December 31, 9999, every date is on or before it, so the calendar's last day stands for it.

    >>> latest_end(dt.date(2022, 3, 2), 1), latest_end(dt.date(9999, 6, 1), 12)
    (datetime.date(2022, 4, 2), datetime.date(9999, 12, 31))
    """
    year, month, day = shifted(anchor, months)
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, day)


def term_end(start: dt.date, term: Term) -> dt.date:
    """The last day (inclusive) of a standard term that starts on ``start``.

    The term ends the day before the same day ``term.months`` months later, clamped to the month's
    end: bought June 18, 2021 for a year → June 17, 2022; bought May 25, 2021 for three years →
    May 24, 2024; bought January 31, 2021 for a month → February 27, 2021, renewing February 28
    (``common-billing-scenarios-onetime-recurring.md``, "How do I find the billing term" and the
    monthly rows of "Monthly term subscription expiration dates on special cases").

    Args:
        start: The first day of the term (purchase or renewal date, UTC).
        term: The term.

    Returns:
        The inclusive end date.

    Raises:
        InvalidInput: for a non-date ``start`` or an unknown ``term``.

    >>> import datetime as dt
    >>> term_end(dt.date(2021, 1, 31), Term.P1M), term_end(dt.date(2021, 6, 18), Term.P1Y)
    (datetime.date(2021, 2, 27), datetime.date(2022, 6, 17))
    """
    d = _validate.date(start, "start")
    t = _validate.enum_member(Term, term, "term")
    return last_day_before(d, t.months)


def calendar_aligned_end(start: dt.date, term: Term) -> dt.date:
    """The calendar-aligned end date of a first term that starts on ``start``.

    The term ends on the last day of the calendar month in which a standard term would end, never
    later than the term length: for an annual term, the last day of the 11th calendar month after
    the purchase month (``align-subscription-end-dates.md``, "Align end dates using the Partner
    Center APIs" and "Examples of custom term end dates").

    Args:
        start: The purchase date (UTC).
        term: The term.

    Returns:
        The inclusive end date of the (possibly shortened) first term.

    >>> import datetime as dt
    >>> (
    ...     calendar_aligned_end(dt.date(2022, 7, 15), Term.P1Y),
    ...     calendar_aligned_end(dt.date(2022, 7, 15), Term.P1M),
    ... )
    (datetime.date(2023, 6, 30), datetime.date(2022, 7, 31))
    """
    d = _validate.date(start, "start")
    t = _validate.enum_member(Term, term, "term")
    try:
        target = months_after(d.replace(day=1), t.months - 1)
    except InvalidInput:  # quote the caller's date, not the first of its month
        raise InvalidInput(
            "start", "the dates fall outside years 1-9999", d, code=ErrorCode.OUT_OF_RANGE
        ) from None
    return target.replace(day=month_days(target.year, target.month))


def coterminous_end(
    start: dt.date,
    term: Term,
    *,
    existing_end: dt.date,
    existing_term: Term,
) -> dt.date:
    """The end date that makes a new subscription coterminous with an existing one.

    The candidates are the existing subscription's future term ends: its current end, then the end
    of each renewal term after it. The result is the latest candidate on or after ``start`` and no
    later than the day a standard first term would renew (``align-subscription-end-dates.md``,
    "Setting custom term end dates" and "Examples of custom term end dates"; the one-month example
    ends on that day).

    Args:
        start: The new subscription's purchase date (UTC).
        term: The new subscription's term.
        existing_end: The existing subscription's current term end date (inclusive).
        existing_term: The existing subscription's (renewal) term.

    Returns:
        The new subscription's first-term end date (inclusive).

    Raises:
        CotermRefused: an annual or triennial term with a monthly existing subscription; no term end
            of the existing subscription fits; a monthly term whose candidate end falls on the
            28th-30th and is not a month end.
        InvalidInput: for bad dates or terms.

    >>> import datetime as dt
    >>> coterminous_end(
    ...     dt.date(2022, 7, 1), Term.P3Y, existing_end=dt.date(2022, 10, 1), existing_term=Term.P1Y
    ... )
    datetime.date(2024, 10, 1)
    """
    d = _validate.date(start, "start")
    t = _validate.enum_member(Term, term, "term")
    e = _validate.date(existing_end, "existing_end")
    et = _validate.enum_member(Term, existing_term, "existing_term")
    source = Source(document="align-subscription-end-dates.md", section="Setting custom term end dates")
    if t is not Term.P1M and et is Term.P1M:
        raise CotermRefused(
            f"a {t.value} subscription cannot coterminate with a monthly one",
            reasons=(Reason(code="billing.coterm.monthly_existing", params={"term": t}, source=source),),
        )
    limit = latest_end(d, t.months)
    while e < d:  # renewal terms of the existing subscription, each from the day after the last
        e = _skip_renewals(e, et.months, d)
        following = _renewal_end(e, et.months)
        if following is None:  # the next renewal ends after the calendar, so after ``limit`` too
            break
        e = following
    if not d <= e <= limit:
        raise CotermRefused(
            "no term end of the existing subscription fits in the new first term",
            reasons=(
                Reason(
                    code="billing.coterm.no_fit",
                    params={"start": d, "latest": limit, "existing_end": e},
                    source=source,
                ),
            ),
        )
    while (following := _renewal_end(e, et.months)) is not None and following <= limit:
        e = following
    if t is Term.P1M and e.day >= 28 and e.day != month_days(e.year, e.month):
        raise CotermRefused(
            f"a monthly subscription cannot align with an end on day {e.day}",
            reasons=(
                Reason(code="billing.coterm.monthly_day", params={"day": e.day, "end": e}, source=source),
            ),
        )
    return e


def _skip_renewals(end: dt.date, months: int, before: dt.date) -> dt.date:
    """The end of a later renewal term that still ends before ``before``, skipped to in one step.

    A renewal that starts on day 1-28 keeps that day in every later term (no month-end clamping), so
    whole terms can be counted instead of walked: an existing end in year 1 and a new start in year
    9999 cost a few steps, not a hundred thousand.
    """
    start = end + _ONE_DAY
    if start.day > 28:
        return end
    behind = (before.year - start.year) * 12 + before.month - start.month
    terms = behind // months - 1
    return last_day_before(start, terms * months) if terms > 0 else end


def _renewal_end(end: dt.date, months: int) -> dt.date | None:
    """The end of the renewal term after a term ending on ``end``, or None when it ends after year 9999."""
    if end == dt.date.max:  # the renewal would start on January 1, 10000
        return None
    try:
        return last_day_before(end + _ONE_DAY, months)
    except InvalidInput:  # a renewal ending past the calendar
        return None


_ONE_DAY: Final = dt.timedelta(days=1)
