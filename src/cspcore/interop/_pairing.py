"""Pairing billed lines with expected ones, for :func:`~cspcore.interop.reconcile` (internal).

:func:`index` keeps the expected lines by the hash of what identifies a charge; :class:`Pairing`
pairs each billed line (or row of a reconciliation file, see :mod:`cspcore.interop._fastcsv`) with
one of them in constant time, and :class:`Bucket` does it when several expected lines share a hash.
"""

from __future__ import annotations

import collections
import decimal as _decimal
import operator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from cspcore._decimal import QUANTIZE
from cspcore.billing.charges import ChargeLine
from cspcore.interop import _rules
from cspcore.interop._fastcsv import build
from cspcore.interop._rules import OneCurrency, too_many_lines
from cspcore.interop.reconciliation import Mismatch, ReconciliationReport, trusted_report

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cspcore.money import Money

__all__ = ["Bucket", "Pairing", "index"]

#: The fields compared between paired lines.
_COMPARED: Final = ("unit_price", "effective_unit_price", "subtotal", "tax", "total")
_IDENTITY: Final = operator.attrgetter(
    "subscription_id", "charge_type", "charge_start", "charge_end", "quantity"
)
#: What the index is keyed on (hashed): the identity but the charge type, whose hash is a Python call.
#: Lines of several charge types under one key are told apart as lines that share a hash are.
_BUCKET: Final = operator.attrgetter("subscription_id", "charge_start", "charge_end", "quantity")
_SUBTOTAL: Final = operator.attrgetter("subtotal.amount")
#: Compared with a Decimal (not the int 0, which each comparison would convert).
_ZERO: Final = Decimal(0)
#: The compared figures, read straight from Money's slots.
_FIGURES: Final = operator.attrgetter(
    "subtotal.amount",
    "total.amount",
    "tax.amount",
    "unit_price.amount",
    "effective_unit_price.amount",
    "subtotal.currency",
)
#: Every field but the reference id and the total, in the order the row reader's values are compared
#: in. Equal values are equal lines (ChargeLine's own equality: ``12`` equals ``12.00``); the total
#: need not be read, since it equals subtotal plus tax on every line, and every amount of a line
#: has the subtotal's currency.
_SAME: Final = operator.attrgetter(
    "subscription_id",
    "charge_type",
    "charge_start",
    "charge_end",
    "quantity",
    "subtotal.amount",
    "tax.amount",
    "unit_price.amount",
    "effective_unit_price.amount",
    "subtotal.currency",
    "order_date",
    "product",
    "qualifiers",
    "customer_id",
    "subscription_start",
    "subscription_end",
    "term_and_billing_cycle",
    "billing_frequency",
    "pricing_currency",
    "exchange_rate",
    "exchange_rate_date",
)


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_SHOWN: Final = Decimal("0.01")


def _same_display(expected: Decimal, actual: Decimal) -> bool:
    """Whether two effective unit prices agree once the finer one is shown as Microsoft shows it.

    Microsoft's files and tables show the effective unit price at two decimals, rounded half-up
    (11.2258 → 11.23) or cut down (9.4297 → 9.42, the field-spec formula's ROUNDDOWN); either
    counts as the same price. A price written with more than two decimals is compared exactly.
    """
    finer, coarser = (expected, actual) if _decimals(expected) >= _decimals(actual) else (actual, expected)
    if _decimals(coarser) > 2:
        return False
    return any(
        finer.quantize(_SHOWN, rounding=mode, context=QUANTIZE) == coarser
        for mode in (_decimal.ROUND_HALF_UP, _decimal.ROUND_DOWN)
    )


def _differences(expected: ChargeLine, actual: ChargeLine, tolerance: Decimal) -> list[Mismatch]:
    """The fields in which two lines of one currency (:func:`reconcile` checks it) differ."""
    found = []
    for name in _COMPARED:
        want: Money = getattr(expected, name)
        got: Money = getattr(actual, name)
        if want.amount == got.amount:
            continue
        gap = got - want  # exact, whatever the ambient decimal context
        if gap.amount.copy_abs() <= tolerance:
            continue
        if name == "effective_unit_price" and _same_display(want.amount, got.amount):
            continue
        found.append(Mismatch(expected=expected, actual=actual, field=name, difference=gap))
    return found


def _kept(expected: ChargeLine, actual: ChargeLine) -> ChargeLine | str | None:
    """What a report keeps of a billed line paired with ``expected`` (see :class:`_BilledLines`)."""
    if type(actual) is not type(expected) or _SAME(expected) != _SAME(actual):
        return actual
    reference = actual.reference_id
    if reference == expected.reference_id:
        return None
    return actual if reference is None else reference


def index(expected: Iterator[ChargeLine]) -> tuple[dict[int, Any], dict[int, Any]]:
    """Expected charges and refunds by the hash of their identity: one line, or a :class:`Bucket` of several.

    Charges and refunds are kept apart (the sign is part of what identifies a line). Keying on the
    identity's hash (an int) rather than on the identity tuple keeps the index small and gives the
    garbage collector no container per line to walk; identities are compared when a billed line is
    looked up, so two identities that happen to share a hash are still told apart.
    """
    charges: dict[int, Any] = {}
    refunds: dict[int, Any] = {}
    for line in expected:
        # Plain attribute reads (specialised by the interpreter), not _SUBTOTAL and _BUCKET: same values.
        pending = refunds if line.subtotal.amount < _ZERO else charges
        digest = hash((line.subscription_id, line.charge_start, line.charge_end, line.quantity))
        size = len(pending)
        held = pending.setdefault(digest, line)
        if len(pending) == size:  # the hash was there already: keep both lines
            if type(held) is Bucket:
                held.add(line)
            else:
                pending[digest] = Bucket(held, line)
    return charges, refunds


#: The figures whose equality makes a candidate an exact partner (equal Decimals hash equal).
_EXACT_FIGURES: Final = operator.attrgetter(
    "subtotal.amount",
    "tax.amount",
    "total.amount",
    "unit_price.amount",
    "effective_unit_price.amount",
    "subtotal.currency",
)
#: The same without the effective unit price, which Microsoft may show rounded.
_OTHER_FIGURES: Final = operator.attrgetter(
    "subtotal.amount", "tax.amount", "total.amount", "unit_price.amount", "subtotal.currency"
)
#: With a tolerance, how many pending candidates (in order) are compared before the first is taken.
_TOLERANT_LOOKS: Final = 64


def _displays(price: Decimal) -> tuple[Decimal, ...]:
    """The two-decimal prices a finer ``price`` is shown as (half-up, cut down); none for a coarse one."""
    if _decimals(price) <= 2:
        return ()
    return tuple(
        {
            price.quantize(_SHOWN, rounding=mode, context=QUANTIZE)
            for mode in (_decimal.ROUND_HALF_UP, _decimal.ROUND_DOWN)
        }
    )


class Bucket:
    """Several expected lines under one bucket hash, paired in O(1) amortised time per billed line (internal).

    Lines are numbered in expected order; each index (a dict of deques of numbers) finds the first
    pending line of a kind without a scan: an exact partner by identity and figures, a partner whose
    effective unit price Microsoft shows rounded by identity, other figures and the shown price, and
    the first pending line of an identity. Taken numbers are skipped when they reach a deque's front.
    """

    __slots__ = ("coarse", "exact", "fine", "first", "lines", "taken")

    def __init__(self, *lines: ChargeLine) -> None:
        self.lines: list[ChargeLine] = []
        self.taken: list[bool] = []
        self.first: dict[tuple[Any, ...], collections.deque[int]] = {}
        self.exact: dict[tuple[Any, ...], collections.deque[int]] = {}
        self.coarse: dict[tuple[Any, ...], collections.deque[int]] = {}
        self.fine: dict[tuple[Any, ...], collections.deque[int]] = {}
        for line in lines:
            self.add(line)

    def add(self, line: ChargeLine) -> None:
        number = len(self.lines)
        self.lines.append(line)
        self.taken.append(False)
        identity = _IDENTITY(line)
        self.first.setdefault(identity, collections.deque()).append(number)
        self.exact.setdefault((identity, _EXACT_FIGURES(line)), collections.deque()).append(number)
        price = line.effective_unit_price.amount
        others = (identity, _OTHER_FIGURES(line))
        if _decimals(price) <= 2:
            self.coarse.setdefault((*others, price), collections.deque()).append(number)
        for shown in _displays(price):
            self.fine.setdefault((*others, shown), collections.deque()).append(number)

    def _front(
        self, queues: dict[tuple[Any, ...], collections.deque[int]], key: tuple[Any, ...]
    ) -> int | None:
        queue = queues.get(key)
        if queue is None:
            return None
        while queue and self.taken[queue[0]]:
            queue.popleft()
        return queue[0] if queue else None

    def take(self, line: ChargeLine, limit: Decimal) -> tuple[ChargeLine | None, list[Mismatch]]:
        """The expected line ``line`` pairs with (taken out), and their differences; ``None`` if none."""
        identity = _IDENTITY(line)
        number = self._front(self.exact, (identity, _EXACT_FIGURES(line)))
        if number is None:
            others = (identity, _OTHER_FIGURES(line))
            price = line.effective_unit_price.amount
            found = [self._front(self.fine, (*others, price))] if _decimals(price) <= 2 else []
            found += [self._front(self.coarse, (*others, shown)) for shown in _displays(price)]
            number = min((found_number for found_number in found if found_number is not None), default=None)
        if number is None:
            number = self._tolerant(identity, line, limit)
        if number is None:
            return None, []
        self.taken[number] = True
        chosen = self.lines[number]
        return chosen, _differences(chosen, line, limit)

    def _tolerant(self, identity: tuple[Any, ...], line: ChargeLine, limit: Decimal) -> int | None:
        """The first of the first pending lines of ``identity`` within the tolerance, else the first."""
        first = self._front(self.first, identity)
        if first is None or not limit:
            return first
        looked = 0
        queue = self.first[identity]
        for number in queue:
            if looked == _TOLERANT_LOOKS:
                break
            if self.taken[number]:
                continue
            looked += 1
            if not _differences(self.lines[number], line, limit):
                return number
        return first

    def pending(self) -> list[ChargeLine]:
        return [line for line, taken in zip(self.lines, self.taken, strict=True) if not taken]


class Pairing:
    """One reconciliation under way: the expected lines not yet paired, and what was found (internal)."""

    __slots__ = ("charges", "kept", "limit", "matched", "mismatched", "refunds", "unexpected")

    def __init__(self, index: tuple[dict[int, Any], dict[int, Any]], limit: Decimal) -> None:
        self.charges, self.refunds = index
        self.limit = limit
        self.matched: list[ChargeLine] = []
        self.kept: list[ChargeLine | str | None] = []
        self.unexpected: list[ChargeLine] = []
        self.mismatched: list[Mismatch] = []

    def pair(self, line: ChargeLine) -> None:
        """Pair one billed line with an expected line, or record it as unexpected or mismatched."""
        pending = self.refunds if _SUBTOTAL(line) < _ZERO else self.charges
        digest = hash(_BUCKET(line))
        held = pending.pop(digest, None)
        if held is None:
            self.unexpected.append(line)
            return
        if type(held) is not Bucket:
            if _IDENTITY(held) != _IDENTITY(line):
                pending[digest] = held
                self.unexpected.append(line)
                return
            chosen = held
            differences = [] if _FIGURES(held) == _FIGURES(line) else _differences(held, line, self.limit)
        else:
            pending[digest] = held
            taken, differences = held.take(line, self.limit)
            if taken is None:
                self.unexpected.append(line)
                return
            chosen = taken
        if differences:
            self.mismatched.extend(differences)
        else:
            self.matched.append(chosen)
            self.kept.append(_kept(chosen, line))

    def pair_rows(self, rows: Iterator[Any], seen: OneCurrency) -> None:
        """Pair the rows of :meth:`_ReconRows.raw` (field-value tuples, or lines the careful reader made).

        A line is built only for a row that does not equal its expected line but for the reference
        id, and a clean month is made of rows that do. Each row is checked as :func:`charge_lines` checks
        a line: in the one currency ``seen`` holds, and at most :data:`MAX_LINES` of them.
        """
        charges, refunds = self.charges, self.refunds
        matched, kept = self.matched.append, self.kept.append
        most = _rules.MAX_LINES
        for index, row in enumerate(rows):
            if index >= most:
                raise too_many_lines("actual")
            if type(row) is not tuple:
                seen.check(row.currency, f"actual[{index}].currency")
                self.pair(row)
                continue
            (
                order, kind, product, subscription, unit, effective, quantity, subtotal, start, end,
                tax, _total, reference, qualifiers, customer, subscription_start, subscription_end,
                term, frequency, pricing, rate, rate_date,
            ) = row  # fmt: skip
            amount = subtotal.amount
            if subtotal.currency != seen.code:
                seen.check(subtotal.currency, f"actual[{index}].currency")
            pending = refunds if amount < _ZERO else charges
            digest = hash((subscription, start, end, quantity))  # as _BUCKET reads a line
            held = pending.pop(digest, None)
            # The fields of _SAME, compared one by one (plain attribute reads, short-circuited).
            if (
                type(held) is ChargeLine
                and held.subscription_id == subscription
                and held.charge_type is kind
                and held.charge_start == start
                and held.charge_end == end
                and held.quantity == quantity
                and held.subtotal.amount == amount
                and held.tax.amount == tax.amount
                and held.unit_price.amount == unit.amount
                and held.effective_unit_price.amount == effective.amount
                and held.subtotal.currency == subtotal.currency
                and held.order_date == order
                and held.product == product
                and held.qualifiers == qualifiers
                and held.customer_id == customer
                and held.subscription_start == subscription_start
                and held.subscription_end == subscription_end
                and held.term_and_billing_cycle == term
                and held.billing_frequency == frequency
                and held.pricing_currency == pricing
                and held.exchange_rate == rate
                and held.exchange_rate_date == rate_date
                and (reference is not None or held.reference_id is None)
            ):
                matched(held)
                kept(None if reference == held.reference_id else reference)
            else:
                if held is not None:
                    pending[digest] = held  # put back for the general pairing
                self.pair(build(row))

    def report(self) -> ReconciliationReport:
        """The report of what was paired; what is left of the expected lines is missing."""
        missing = [
            line
            for pending in (self.charges, self.refunds)
            for held in pending.values()
            for line in (held.pending() if type(held) is Bucket else (held,))
        ]
        pairs = tuple(self.matched)
        return trusted_report(
            pairs,
            self.kept,
            tuple(missing),
            tuple(self.unexpected),
            tuple(self.mismatched),
            self.limit,
        )
