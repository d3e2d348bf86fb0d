"""Terms and plans: refusals by field and message, the calendar's bounds, and coterminosity's reasons."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore import InvalidInput
from cspcore.billing import (
    BillingFrequency,
    CotermRefused,
    Term,
    calendar_aligned_end,
    coterminous_end,
    is_valid_plan,
    term_end,
)
from cspcore.billing.terms import check_plan
from cspcore.errors import ErrorCode
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
COTERM = Source(document="align-subscription-end-dates.md", section="Setting custom term end dates")
TERMS = "unknown Term; expected one of: P1M, P1Y, P3Y"
FREQUENCIES = "unknown BillingFrequency; expected one of: monthly, annual, triennial, none"
NOT_A_DATE = "expected a datetime.date (got '2024-01-01')"

# create-a-new-subscription.md, "Eligible changes": monthly terms are billed monthly, annual terms
# annually or monthly, triennial terms triennially, annually or monthly; NONE is for trials only.
PAID = {
    Term.P1M: {BillingFrequency.MONTHLY},
    Term.P1Y: {BillingFrequency.ANNUAL, BillingFrequency.MONTHLY},
    Term.P3Y: {BillingFrequency.TRIENNIAL, BillingFrequency.ANNUAL, BillingFrequency.MONTHLY},
}


def coterm(**changes: object) -> dt.date:
    """``coterminous_end`` of a valid request, with some arguments replaced."""
    arguments: dict[str, object] = {
        "start": D(2024, 1, 1),
        "term": Term.P1Y,
        "existing_end": D(2024, 5, 31),
        "existing_term": Term.P1Y,
    }
    arguments.update(changes)
    return coterminous_end(**arguments)  # type: ignore[arg-type]


PAIRS = [(term, frequency) for term in Term for frequency in BillingFrequency]


@pytest.mark.parametrize(("term", "frequency"), PAIRS)
def test_a_paid_plan_is_valid_exactly_when_the_term_is_sold_with_that_frequency(
    term: Term, frequency: BillingFrequency
) -> None:
    assert (frequency in PAID[term]) == is_valid_plan(term, frequency)


@pytest.mark.parametrize(("term", "frequency"), PAIRS)
def test_a_trial_is_valid_only_as_a_one_month_term_billed_with_no_plan(
    term: Term, frequency: BillingFrequency
) -> None:
    expected = (term, frequency) == (Term.P1M, BillingFrequency.NONE)
    assert expected == is_valid_plan(term, frequency, trial=True)


@pytest.mark.parametrize(
    ("term", "frequency", "trial", "code"),
    [
        (
            Term.P1M,
            "annual",
            False,
            ErrorCode.NOT_ALLOWED,
        ),
        (
            Term.P1Y,
            "triennial",
            False,
            ErrorCode.NOT_ALLOWED,
        ),
        (
            Term.P3Y,
            "none",
            False,
            ErrorCode.NOT_ALLOWED,
        ),
        (
            Term.P1M,
            "monthly",
            True,
            ErrorCode.NOT_ALLOWED,
        ),
    ],
)
def test_a_refused_plan_names_the_frequency_and_lists_what_the_term_is_sold_with(
    term: Term, frequency: str, trial: bool, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_plan(term, frequency, trial=trial)  # type: ignore[arg-type]
    assert ("frequency", frequency, code) == (caught.value.field, caught.value.value, caught.value.code)


@pytest.mark.parametrize("frequency", list(BillingFrequency))
def test_a_trial_of_a_longer_term_is_refused_naming_the_term(frequency: BillingFrequency) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_plan(Term.P1Y, frequency, trial=True)
    expected = ("term", Term.P1Y, ErrorCode.NOT_ALLOWED)
    assert expected == (caught.value.field, caught.value.value, caught.value.code)


def test_check_plan_accepts_every_plan_the_term_is_sold_with() -> None:
    for term, frequencies in PAID.items():
        for frequency in frequencies:
            check_plan(term, frequency)
    check_plan(Term.P1M, BillingFrequency.NONE, trial=True)


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: is_valid_plan("P2Y", "monthly"), "term", ErrorCode.UNKNOWN_VALUE),  # type: ignore[arg-type]
        (lambda: is_valid_plan(Term.P1Y, "weekly"), "frequency", ErrorCode.UNKNOWN_VALUE),  # type: ignore[arg-type]
        (
            lambda: is_valid_plan(Term.P1Y, BillingFrequency.ANNUAL, trial=1),  # type: ignore[arg-type]
            "trial",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: term_end("2024-01-01", Term.P1Y), "start", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (lambda: term_end(D(2024, 1, 1), "P2Y"), "term", ErrorCode.UNKNOWN_VALUE),  # type: ignore[arg-type]
        (lambda: calendar_aligned_end("2024-01-01", Term.P1Y), "start", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (lambda: calendar_aligned_end(D(2024, 1, 1), "P2Y"), "term", ErrorCode.UNKNOWN_VALUE),  # type: ignore[arg-type]
        (lambda: coterm(start="2024-01-01"), "start", ErrorCode.WRONG_TYPE),
        (lambda: coterm(term="P2Y"), "term", ErrorCode.UNKNOWN_VALUE),
        (lambda: coterm(existing_end="2024-01-01"), "existing_end", ErrorCode.WRONG_TYPE),
        (lambda: coterm(existing_term="P2Y"), "existing_term", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_term_functions_refuse_bad_values_by_name(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (field, code) == (caught.value.field, caught.value.code)


def test_terms_may_start_in_the_first_year_of_the_calendar() -> None:
    assert D(1, 1, 31) == term_end(D(1, 1, 1), Term.P1M)
    assert D(1, 1, 31) == calendar_aligned_end(D(1, 1, 1), Term.P1M)


def test_terms_may_end_in_the_last_year_of_the_calendar() -> None:
    assert D(9999, 11, 30) == term_end(D(9998, 12, 1), Term.P1Y)
    assert D(9999, 12, 29) == term_end(D(9999, 11, 30), Term.P1M)
    assert D(9999, 12, 31) == calendar_aligned_end(D(9999, 1, 15), Term.P1Y)


def test_a_term_that_would_renew_after_the_year_9999_is_refused_naming_its_start() -> None:
    with pytest.raises(InvalidInput) as caught:
        term_end(D(9999, 12, 2), Term.P1M)  # its last day would be January 1, 10000
    expected = ("start", D(9999, 12, 2), ErrorCode.OUT_OF_RANGE)
    assert expected == (caught.value.field, caught.value.value, caught.value.code)


@pytest.mark.parametrize("term", [Term.P1Y, Term.P3Y])
def test_an_annual_or_triennial_term_cannot_coterminate_with_a_monthly_one(term: Term) -> None:
    with pytest.raises(CotermRefused) as caught:
        coterminous_end(D(2022, 3, 2), term, existing_end=D(2022, 3, 31), existing_term=Term.P1M)
    assert (caught.value.code, tuple(r.code for r in caught.value.reasons)) == (
        "coterm_refused",
        ("billing.coterm.monthly_existing",),
    )
    assert (
        Reason(code="billing.coterm.monthly_existing", params={"term": term}, source=COTERM),
    ) == caught.value.reasons


def test_no_fit_reports_the_first_existing_end_after_the_start_and_the_latest_allowed_end() -> None:
    # The existing annual term ended May 31, 2023, so it renews to May 31, 2024: after April 15,
    # the day a one-month term bought on March 15, 2024 would renew.
    with pytest.raises(CotermRefused) as caught:
        coterminous_end(D(2024, 3, 15), Term.P1M, existing_end=D(2023, 5, 31), existing_term=Term.P1Y)
    assert (caught.value.code, tuple(r.code for r in caught.value.reasons)) == (
        "coterm_refused",
        ("billing.coterm.no_fit",),
    )
    params = {"start": D(2024, 3, 15), "latest": D(2024, 4, 15), "existing_end": D(2024, 5, 31)}
    assert (Reason(code="billing.coterm.no_fit", params=params, source=COTERM),) == caught.value.reasons


def test_a_monthly_term_refuses_to_align_with_the_28th_that_is_not_a_month_end() -> None:
    with pytest.raises(CotermRefused) as caught:
        coterminous_end(D(2022, 3, 2), Term.P1M, existing_end=D(2022, 3, 28), existing_term=Term.P1Y)
    assert (caught.value.code, tuple(r.code for r in caught.value.reasons)) == (
        "coterm_refused",
        ("billing.coterm.monthly_day",),
    )
    params = {"day": 28, "end": D(2022, 3, 28)}
    assert (Reason(code="billing.coterm.monthly_day", params=params, source=COTERM),) == caught.value.reasons


def test_a_renewal_of_the_existing_subscription_may_end_on_the_day_the_new_term_would_renew() -> None:
    # Bought March 2 for a month: the latest end is April 2 (Microsoft's one-month example ends on
    # that day). The existing monthly subscription ends March 2 and next April 2, which is chosen.
    end = coterminous_end(D(2022, 3, 2), Term.P1M, existing_end=D(2022, 3, 2), existing_term=Term.P1M)
    assert D(2022, 4, 2) == end
    # The same with an annual term: the existing term renews to January 15, 2025, the latest end.
    end = coterminous_end(D(2024, 1, 15), Term.P1Y, existing_end=D(2024, 1, 15), existing_term=Term.P1Y)
    assert D(2025, 1, 15) == end


def test_calendar_aligned_end_past_the_year_9999_is_refused_quoting_the_callers_start() -> None:
    with pytest.raises(InvalidInput) as caught:
        calendar_aligned_end(D(9999, 12, 15), Term.P1Y)
    expected = ("start", D(9999, 12, 15), ErrorCode.OUT_OF_RANGE)
    assert expected == (caught.value.field, caught.value.value, caught.value.code)


def test_an_existing_subscription_ending_on_the_last_day_of_the_calendar_is_a_coterminous_end() -> None:
    # Bought December 31, 9998 for a year: the latest end is December 31, 9999, the existing end.
    end = coterminous_end(D(9998, 12, 31), Term.P1Y, existing_end=D(9999, 12, 31), existing_term=Term.P1Y)
    assert D(9999, 12, 31) == end


def test_a_renewal_that_would_end_after_the_year_9999_is_not_a_candidate() -> None:
    # The existing term ends March 31, 9999; its renewal would end in the year 10000, after the
    # new term's latest end (June 1, 9999), so the current end is the answer.
    end = coterminous_end(D(9998, 6, 1), Term.P1Y, existing_end=D(9999, 3, 31), existing_term=Term.P1Y)
    assert D(9999, 3, 31) == end


def test_no_fit_when_the_only_renewal_after_the_start_would_end_after_the_year_9999() -> None:
    with pytest.raises(CotermRefused) as caught:
        coterminous_end(D(9999, 6, 1), Term.P1M, existing_end=D(9999, 5, 31), existing_term=Term.P1Y)
    params = {"start": D(9999, 6, 1), "latest": D(9999, 7, 1), "existing_end": D(9999, 5, 31)}
    assert (Reason(code="billing.coterm.no_fit", params=params, source=COTERM),) == caught.value.reasons
