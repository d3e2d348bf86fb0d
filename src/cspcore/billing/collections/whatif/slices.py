"""Portfolio slices: what a Dask worker generates its accounts from, and what it sends back.

A :class:`PortfolioSlice` is a few numbers (a seed, a range of account numbers, the sample's
settings) from which any process, on any machine with cspcore installed, generates the same
accounts (:func:`~cspcore.billing.portfolio.sample_accounts`). A partitioned simulation sends each
worker one slice, not the accounts: the worker generates its accounts, simulates them and sends
back its daily series, its summary and its transitions packed into one integer each
(:func:`simulate_piece`; no transition value is built on the worker). :func:`merge_outcomes`
joins the outcomes of all slices into one
:class:`~cspcore.billing.collections.whatif.results.SimulationResult`, building each transition
value once; :func:`outcome_result` turns one outcome back into a result.

>>> import datetime as dt
>>> from cspcore.billing import STANDARD
>>> from cspcore.billing.whatif import merge, simulate
>>> book = PortfolioSlice(seed=5, count=9)
>>> start, end = dt.date(2024, 1, 1), dt.date(2024, 6, 30)
>>> outcomes = [simulate_piece(STANDARD, p, start, end) for p in book.split(2)]
>>> whole = simulate(STANDARD, book.portfolio(), start=start, end=end)
>>> merge_outcomes(outcomes) == whole, merge([outcome_result(o) for o in outcomes]) == whole
(True, True)

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import datetime as dt
from array import array
from typing import TYPE_CHECKING, Final

import attrs

from cspcore import _validate
from cspcore.billing.collections.whatif.engine import merge, simulate_packed, unpack_transitions
from cspcore.billing.collections.whatif.results import SimulationResult, result_with
from cspcore.billing.portfolio import MAX_ACCOUNT_NUMBER, MAX_SEED, Portfolio, sample_accounts
from cspcore.billing.terms_of_payment import PaymentTerms
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cspcore.billing.collections.policy import CollectionsPolicy

__all__ = ["Outcome", "PortfolioSlice", "merge_outcomes", "outcome_result", "simulate_piece"]

_MAX_ACCOUNTS: Final = 1_000_000


def _currency(value: object) -> str:
    return Money.zero(_validate.text(value, "currency")).currency


@attrs.frozen(kw_only=True)
class PortfolioSlice:
    """Sample accounts number ``first`` to ``first + count - 1``, described rather than built.

    The fields are :func:`~cspcore.billing.portfolio.sample_accounts`'s arguments;
    :meth:`portfolio` builds the accounts, :meth:`split` cuts the range into consecutive slices.
    A slice pickles into a few hundred bytes whatever its size.

    >>> PortfolioSlice(seed=1, first=10, count=3).portfolio().accounts[0].id
    'A00010'
    """

    seed: int = attrs.field(
        default=2024,
        validator=_validate.attrs_validator(
            lambda v, f: _validate.integer(v, f, minimum=0, maximum=MAX_SEED)
        ),
    )
    first: int = attrs.field(
        default=0,
        validator=_validate.attrs_validator(
            lambda v, f: _validate.integer(v, f, minimum=0, maximum=MAX_ACCOUNT_NUMBER)
        ),
    )
    count: int = attrs.field(
        validator=_validate.attrs_validator(
            lambda v, f: _validate.integer(v, f, minimum=0, maximum=_MAX_ACCOUNTS)
        ),
    )
    invoices: int = attrs.field(
        default=12,
        validator=_validate.attrs_validator(lambda v, f: _validate.integer(v, f, minimum=0, maximum=120)),
    )
    start: dt.date = attrs.field(
        default=dt.date(2024, 1, 8), validator=_validate.attrs_validator(_validate.date)
    )
    currency: str = attrs.field(default="EUR", converter=_currency)
    terms: PaymentTerms = attrs.field(
        default=PaymentTerms(net_days=30),
        validator=_validate.attrs_validator(lambda v, f: _validate.instance(v, PaymentTerms, f)),
    )

    def __attrs_post_init__(self) -> None:
        if self.first + self.count - 1 > MAX_ACCOUNT_NUMBER:
            raise InvalidInput(
                "count",
                f"the last account number would pass {MAX_ACCOUNT_NUMBER}",
                self.count,
                code=ErrorCode.OUT_OF_RANGE,
            )
        self.portfolio(count=0)  # the sample's own checks (dates past 9999-12-31), on no accounts

    def portfolio(self, *, count: int | None = None) -> Portfolio:
        """The slice's accounts (or its first ``count``), generated: the same in every process.

        >>> len(PortfolioSlice(count=4).portfolio().accounts)
        4
        """
        return sample_accounts(
            seed=self.seed,
            first=self.first,
            count=self.count if count is None else min(count, self.count),
            invoices=self.invoices,
            start=self.start,
            currency=self.currency,
            terms=self.terms,
        )

    def split(self, parts: int) -> tuple[PortfolioSlice, ...]:
        """At most ``parts`` consecutive slices of about equal size, none empty, that make up this one.

        An empty slice splits into itself.

        >>> [(s.first, s.count) for s in PortfolioSlice(first=3, count=5).split(2)]
        [(3, 3), (6, 2)]
        >>> len(PortfolioSlice(count=2).split(5))
        2
        """
        wanted = _validate.integer(parts, "parts", minimum=1, maximum=100_000)
        if not self.count:
            return (self,)
        pieces = min(wanted, self.count)
        size, extra = divmod(self.count, pieces)
        result: list[PortfolioSlice] = []
        at = self.first
        for index in range(pieces):
            width = size + (1 if index < extra else 0)
            result.append(attrs.evolve(self, first=at, count=width))
            at += width
        return tuple(result)


@attrs.frozen(kw_only=True)
class Outcome:
    """What a worker sends back for one slice: its result without transitions, and these packed.

    Each transition is one integer of ``codes``, ``((day offset * len(ids) + account index) *
    stages + before) * stages + after``, the account index pointing into ``ids``.
    """

    result: SimulationResult
    ids: tuple[str, ...]
    codes: array[int]


def simulate_piece(policy: CollectionsPolicy, piece: PortfolioSlice, start: dt.date, end: dt.date) -> Outcome:
    """Generate one slice's accounts, simulate them, and pack the result for the trip back.

    This is what each Dask task runs; it needs nothing but its arguments, all small values. The
    transitions stay packed as the simulation packs them: the worker builds no transition value.
    """
    result, ids, codes = simulate_packed(policy, piece.portfolio(), start=start, end=end)
    return Outcome(result=result, ids=ids, codes=array("q", codes))


def outcome_result(outcome: Outcome) -> SimulationResult:
    """The simulation result a worker's :class:`Outcome` stands for."""
    result = outcome.result
    transitions = unpack_transitions(outcome.codes, outcome.ids, result.start.toordinal(), result.stage_names)
    return result_with(result, transitions=transitions)


def merge_outcomes(outcomes: Sequence[Outcome]) -> SimulationResult:
    """The result of the whole portfolio from the outcomes of disjoint slices (what a driver does last).

    Equal to :func:`~cspcore.billing.collections.whatif.engine.merge` of their
    :func:`outcome_result`, for less: the packed transitions of every slice are renumbered to the
    accounts of all slices and sorted as integers, then each transition value is built once, in order.

    Raises:
        InvalidInput: as :func:`~cspcore.billing.collections.whatif.engine.merge` (no outcomes,
            or outcomes of another policy, period or stages).
        CurrencyMismatch: when they differ in currency.
    """
    merged = merge([outcome.result for outcome in outcomes])
    ids = sorted({key for outcome in outcomes for key in outcome.ids})
    ranks = {key: rank for rank, key in enumerate(ids)}
    pairs = len(merged.stage_names) ** 2
    total = len(ids)
    codes: list[int] = []
    for outcome in outcomes:
        accounts = len(outcome.ids)
        renumbered = [ranks[key] for key in outcome.ids]
        for code in outcome.codes:
            rest, move = divmod(code, pairs)
            offset, rank = divmod(rest, accounts)
            codes.append((offset * total + renumbered[rank]) * pairs + move)
    codes.sort()
    transitions = unpack_transitions(codes, ids, merged.start.toordinal(), merged.stage_names)
    return result_with(merged, transitions=transitions)
