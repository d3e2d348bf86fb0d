"""Reconcile daily-rated Azure plan usage against what the invoice billed, by subscription, meter and day.

>>> import datetime as dt
>>> from decimal import Decimal
>>> from cspcore.billing.usage import UsageLine
>>> day = UsageLine(
...     usage_date=dt.date(2022, 6, 3), subscription_id="sub-1", meter_id="m-1", quantity=24,
...     unit_price="0.096", pricing_pre_tax_total="2.304", billing_pre_tax_total="2.304",
...     billing_currency="USD", pricing_currency="USD",
... )  # fmt: skip
>>> reconcile_usage([day], [day]).is_clean
True
>>> report = reconcile_usage([day], [attrs.evolve(day, quantity=25, billing_pre_tax_total="2.4")])
>>> [(d.kind.value, d.subscription_id, d.meter_id, d.usage_date) for d in report.days]
[('differs', 'sub-1', 'm-1', datetime.date(2022, 6, 3))]

Source: ``daily-rated-usage-recon-files.md`` (UsageDate, BillingPreTaxTotal: "The charges, however, are
based on the **Usage Date**"), ``modern-invoice-reconciliation-file.md`` (Subtotal, usage-based).

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from cspcore import _decimal, _validate
from cspcore.billing.usage import RolledUsage, UsageKey, UsageLine, rollup
from cspcore.currencies import currency_code
from cspcore.enums import CspEnum
from cspcore.errors import CurrencyMismatch
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "UsageDifference",
    "UsageDifferenceKind",
    "UsageLineDifference",
    "UsageReconciliation",
    "reconcile_usage",
]


class UsageDifferenceKind(CspEnum):
    """How a day (or an invoice line) of usage differs between the two sides."""

    MISSING = "missing"
    """Expected, not billed."""
    UNEXPECTED = "unexpected"
    """Billed, not expected."""
    DIFFERS = "differs"
    """On both sides, with another quantity or amount."""


def _text(value: object, field: str) -> None:
    _validate.text(value, field, max_length=2000)


def _optional_quantity(value: object, field: str) -> None:
    if value is not None:
        _validate.quantity(value, field)


def _optional_currency(value: object, field: str) -> None:
    if value is not None:
        currency_code(value, field)


def _count(value: object, field: str) -> None:
    _validate.integer(value, field, minimum=0, maximum=_validate.MAX_QUANTITY)


_KIND = _validate.attrs_instance_of(UsageDifferenceKind)
_TEXT = _validate.attrs_validator(_text)
_OPTIONAL_QUANTITY = _validate.attrs_validator(_optional_quantity)
_OPTIONAL_MONEY = _validate.attrs_instance_of((Money, type(None)))
_OPTIONAL_ROLLED = _validate.attrs_instance_of((RolledUsage, type(None)))


@attrs.frozen(kw_only=True)
class UsageDifference:
    """A subscription's meter on one day whose usage differs: quantities and ``BillingPreTaxTotal`` sums.

    A side's values are ``None`` where that side has no usage for the day.
    """

    kind: UsageDifferenceKind = attrs.field(validator=_KIND)
    subscription_id: str = attrs.field(validator=_TEXT)
    meter_id: str = attrs.field(validator=_TEXT)
    usage_date: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    expected_quantity: Decimal | None = attrs.field(validator=_OPTIONAL_QUANTITY)
    billed_quantity: Decimal | None = attrs.field(validator=_OPTIONAL_QUANTITY)
    expected_amount: Money | None = attrs.field(validator=_OPTIONAL_MONEY)
    billed_amount: Money | None = attrs.field(validator=_OPTIONAL_MONEY)

    def __attrs_post_init__(self) -> None:
        mine, theirs = self.expected_amount, self.billed_amount
        if mine is not None and theirs is not None and mine.currency != theirs.currency:
            raise CurrencyMismatch("billed_amount", mine.currency, theirs.currency)


@attrs.frozen(kw_only=True)
class UsageLineDifference:
    """An invoice usage line (:class:`~cspcore.billing.usage.RolledUsage`) that differs between the sides."""

    kind: UsageDifferenceKind = attrs.field(validator=_KIND)
    expected: RolledUsage | None = attrs.field(validator=_OPTIONAL_ROLLED)
    billed: RolledUsage | None = attrs.field(validator=_OPTIONAL_ROLLED)


@attrs.frozen(kw_only=True)
class UsageReconciliation:
    """What :func:`reconcile_usage` found: differences by subscription, meter and day, and by invoice line.

    ``compared_days`` counts the (subscription, meter, day) cells seen on either side, so that a
    reconciliation of nothing is never clean.
    """

    days: tuple[UsageDifference, ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, UsageDifference)
    )
    lines: tuple[UsageLineDifference, ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, UsageLineDifference)
    )
    compared_days: int = attrs.field(validator=_validate.attrs_validator(_count))
    currency: str | None = attrs.field(validator=_validate.attrs_validator(_optional_currency))

    @property
    def is_clean(self) -> bool:
        """Something was compared and nothing differs."""
        return self.compared_days > 0 and not self.days and not self.lines


_Cell = tuple[str, str, "dt.date"]


class _Side:
    """One side's sums per (subscription, meter, day), filled while its lines stream past the roll-up."""

    __slots__ = ("cells", "currency", "field")

    def __init__(self, field: str, currency: str | None) -> None:
        self.field = field
        self.currency = currency
        self.cells: dict[_Cell, list[Decimal]] = {}

    def tap(self, lines: Iterable[UsageLine]) -> Iterator[UsageLine]:
        add = _decimal.EXACT.add
        for index, line in enumerate(lines):
            _validate.instance(line, UsageLine, f"{self.field}[{index}]")
            if self.currency is None:
                self.currency = line.billing_currency
            elif line.billing_currency != self.currency:
                raise CurrencyMismatch(
                    f"{self.field}[{index}].billing_currency", self.currency, line.billing_currency
                )
            key = (line.subscription_id, line.meter_id, line.usage_date)
            cell = self.cells.get(key)
            if cell is None:
                self.cells[key] = [line.quantity, line.billing_pre_tax_total]
            else:
                cell[0] = _decimal.exact(add, cell[0], line.quantity)
                cell[1] = _decimal.exact(add, cell[1], line.billing_pre_tax_total)
            yield line


def reconcile_usage(
    daily_usage: Iterable[UsageLine], invoice_lines: Iterable[UsageLine]
) -> UsageReconciliation:
    """Compare the daily usage you expect with the usage the invoice billed, by subscription, meter and day.

    ``daily_usage`` is your side (your own metering, or an earlier download of the unbilled usage);
    ``invoice_lines`` the billed daily-rated usage of the invoice (the billed consumption line items
    or the daily-rated usage file of the invoice), whose roll-up is the invoice's usage lines.

    Two views are reported:

    * ``days``: for each subscription, meter and usage day, the summed quantity and summed
      ``BillingPreTaxTotal`` of each side (all resources of the meter that day together), exactly;
      a cell on one side only is missing or unexpected, one whose sums differ differs;
    * ``lines``: each side rolled up to invoice lines (:func:`~cspcore.billing.usage.rollup`, the
      usage-based ``Subtotal`` at the line's exchange rate); a line on one side only, or whose
      quantity or subtotal differs.

    Both are sorted by subscription, meter, then day (or charge period and price).

    Memory: the lines are streamed (each is read once and dropped); what is held is one pair of
    sums per (subscription, meter, day) cell and one per invoice line, on each side, however many
    rows and resources feed them: a month of one meter of one subscription is at most 31 cells.

    Raises:
        InvalidInput: an item is not a :class:`~cspcore.billing.usage.UsageLine`, or the billing
            currencies differ (:class:`~cspcore.errors.CurrencyMismatch`: an invoice has one).
    """
    expected = _Side("daily_usage", None)
    expected_lines = rollup(expected.tap(_validate.iterator(daily_usage, "daily_usage")))
    billed = _Side("invoice_lines", expected.currency)
    billed_lines = rollup(billed.tap(_validate.iterator(invoice_lines, "invoice_lines")))
    currency = billed.currency
    days = _day_differences(expected.cells, billed.cells, currency)
    lines = _line_differences(expected_lines, billed_lines)
    compared = len(expected.cells.keys() | billed.cells.keys())
    return UsageReconciliation(days=days, lines=lines, compared_days=compared, currency=currency)


def _day_differences(
    expected: dict[_Cell, list[Decimal]], billed: dict[_Cell, list[Decimal]], currency: str | None
) -> tuple[UsageDifference, ...]:
    found = []
    for key in sorted(expected.keys() | billed.keys()):
        mine, theirs = expected.get(key), billed.get(key)
        if mine is not None and theirs is not None and mine == theirs:
            continue
        kind = (
            UsageDifferenceKind.UNEXPECTED
            if mine is None
            else UsageDifferenceKind.MISSING
            if theirs is None
            else UsageDifferenceKind.DIFFERS
        )
        assert currency is not None  # noqa: S101 - a cell was seen, so a currency was
        subscription, meter, day = key
        found.append(
            UsageDifference(
                kind=kind,
                subscription_id=subscription,
                meter_id=meter,
                usage_date=day,
                expected_quantity=None if mine is None else mine[0],
                billed_quantity=None if theirs is None else theirs[0],
                expected_amount=None if mine is None else Money(mine[1], currency),
                billed_amount=None if theirs is None else Money(theirs[1], currency),
            )
        )
    return tuple(found)


def _line_differences(
    expected: tuple[RolledUsage, ...], billed: tuple[RolledUsage, ...]
) -> tuple[UsageLineDifference, ...]:
    mine: dict[UsageKey, RolledUsage] = {line.key: line for line in expected}
    theirs: dict[UsageKey, RolledUsage] = {line.key: line for line in billed}
    found = []
    for key in sorted(mine.keys() | theirs.keys(), key=_order):
        left, right = mine.get(key), theirs.get(key)
        if left is not None and right is not None:
            if left.quantity == right.quantity and left.subtotal == right.subtotal:
                continue
            kind = UsageDifferenceKind.DIFFERS
        else:
            kind = UsageDifferenceKind.UNEXPECTED if left is None else UsageDifferenceKind.MISSING
        found.append(UsageLineDifference(kind=kind, expected=left, billed=right))
    return tuple(found)


def _order(key: UsageKey) -> tuple[object, ...]:
    subscription, meter, start, end, price, pricing, rate, billing = key
    none = (0,)
    return (
        subscription,
        meter,
        (1, start) if start else none,
        (1, end) if end else none,
        price,
        pricing,
        rate,
        billing,
    )
