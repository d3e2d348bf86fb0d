"""What the parsers found inconsistent in the lines they read, and how strictly (internal).

Both parsers of billed lines (the invoice line items and the reconciliation rows) check each line's
stated total against subtotal + tax and, when asked, each new-commerce subtotal against Microsoft's
documented roundings (:func:`~cspcore.interop.consistency.subtotal_roundings`); :class:`Checks`
keeps what they found, or refuses the first finding when strict.
"""

from __future__ import annotations

from decimal import Decimal

from cspcore.billing import exchange
from cspcore.billing.charges import ChargeLine  # noqa: TC001 - annotation read at run time
from cspcore.billing.rating import ProrationRounding  # noqa: TC001 - annotation read at run time
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop import _payload as p
from cspcore.interop._cells import blank
from cspcore.interop._rules import plain
from cspcore.interop.consistency import Inconsistency, subtotal_roundings
from cspcore.money import Money  # noqa: TC001 - annotation read at run time

__all__ = ["Checks", "exchange_pricing", "exchange_rate"]


class Checks:
    """What the parsers found inconsistent in the lines they read, and how strictly (internal).

    ``strict`` refuses the first inconsistency (:class:`InvalidInput` naming the line and field);
    otherwise each is kept in :attr:`issues`. ``formulas`` also checks each new-commerce subtotal
    against Microsoft's documented roundings, and keeps the roundings that reproduce it.
    """

    __slots__ = ("formulas", "issues", "roundings", "strict")

    def __init__(self, *, strict: bool, formulas: bool) -> None:
        self.strict = strict
        self.formulas = formulas or strict
        self.issues: list[Inconsistency] = []
        self.roundings: list[tuple[ProrationRounding, ...]] = []

    def found(self, issue: Inconsistency) -> None:
        if self.strict:
            raise InvalidInput(
                f"{issue.where}.{issue.field}",
                issue.problem,
                issue.stated.amount,
                code=ErrorCode.INCONSISTENT,
            )
        self.issues.append(issue)

    def total(self, stated: Money | None, subtotal: Money, tax: Money, where: str, field: str) -> Money:
        """Subtotal + tax, the line's total; a stated total that differs is an inconsistency."""
        expected = subtotal + tax
        if stated is not None and stated != expected:
            self.found(
                Inconsistency(
                    where=where,
                    field=field,
                    stated=stated,
                    expected=expected,
                    problem=f"does not equal subtotal + tax ({plain(expected.amount)})",
                )
            )
        return expected

    def no_formula(self) -> None:
        """A line of a kind with no documented subtotal formula (legacy Office and Azure items)."""
        if self.formulas:
            self.roundings.append(())

    def subtotal(self, line: ChargeLine, rate: Decimal | None, where: str, field: str) -> None:
        """Check a new-commerce subtotal against both documented roundings, at exchange ``rate``."""
        if not self.formulas or rate is None:
            return
        found = subtotal_roundings(
            line.effective_unit_price.amount, line.quantity, line.subtotal.amount, rate
        )
        self.roundings.append(found)
        if not found:
            self.found(
                Inconsistency(
                    where=where,
                    field=field,
                    stated=line.subtotal,
                    expected=None,
                    problem=(
                        "follows from neither documented rounding of "
                        f"{plain(line.effective_unit_price.amount)} × {plain(line.quantity)}"
                    ),
                )
            )


def exchange_rate(value: object, field: str) -> Decimal:
    """``PCToBCExchangeRate``: 1 when blank; otherwise as :func:`cspcore.billing.exchange.exchange_rate`."""
    if blank(value):
        return Decimal(1)
    p.to_decimal(value, field)  # a payload's float is refused with the payload's hint
    return exchange.exchange_rate(value, field)


def exchange_pricing(
    pricing: str | None, raw_rate: object, billing: str, rate_field: str
) -> tuple[str | None, Decimal | None]:
    """A line's pricing currency and exchange rate, or ``(None, None)`` when priced in ``billing``.

    Without a pricing currency, or with the billing currency there at a rate of 1 (or none), the line
    is priced in its billing currency. With another currency the rate is required. A rate given is
    always read, so one that is not a rate (NaN, 0, text) is refused whether or not the line is
    priced in another currency.
    """
    if pricing is None:
        if not blank(raw_rate):
            exchange_rate(raw_rate, rate_field)
        return None, None
    rate = exchange_rate(raw_rate, rate_field)
    if pricing == billing:
        if rate != 1:
            raise InvalidInput(
                rate_field,
                f"is not 1, but the pricing currency is the billing currency {billing}",
                raw_rate,
                code=ErrorCode.INCONSISTENT,
            )
        return None, None
    if blank(raw_rate):
        raise InvalidInput(
            rate_field, f"is required with the pricing currency {pricing}", raw_rate, code=ErrorCode.MISSING
        )
    return pricing, rate
