"""The partner's own side: its standing with Microsoft (net 60) and Microsoft's credit-limit check.

>>> import datetime as dt
>>> microsoft_standing(Ledger(), as_of=dt.date(2024, 1, 1), currency="USD").suspension_risk
False

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore._deprecated import renamed_keyword, warn_renamed
from cspcore.billing import _bounds
from cspcore.billing.invoices import Invoice, Ledger
from cspcore.billing.ledger import settle
from cspcore.billing.terms_of_payment import MICROSOFT_NET_60
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.money import Money

__all__ = ["CreditCheck", "MicrosoftStanding", "credit_check", "microsoft_standing"]

_TERMS_SOURCE: Final = Source(document="billing-basics.md", section="Payment terms")
_PARTNER_SUSPENSION_SOURCE: Final = Source(
    document="suspended-partner-center-account.md", section="Reasons for suspension"
)
_CREDIT_SOURCE: Final = Source(document="credit-limit-enforcement.md", section="Available balance")
#: Microsoft's net 60 in days (``billing-basics.md``), for due dates worked out as ordinals.
_NET_60_DAYS: Final = MICROSOFT_NET_60.net_days


@attrs.frozen(kw_only=True)
class MicrosoftStanding:
    """The partner's standing with Microsoft (its Microsoft invoices and payments).

    Args:
        as_of: The date.
        delinquent: Something is past its net-60 due date ("considered delinquent").
        suspension_risk: Something is more than 60 days overdue (an account suspension trigger).
        days_past_due: Days past due of the oldest unpaid Microsoft invoice (at most 3,652,059).
        overdue: The overdue amount.
        reasons: Why.

    >>> microsoft_standing(Ledger(), as_of=dt.date(2024, 1, 1), currency="USD").delinquent
    False
    """

    as_of: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    delinquent: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    suspension_risk: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    days_past_due: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    overdue: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))

    def __attrs_post_init__(self) -> None:
        _bounds.days(self.days_past_due, "days_past_due")


def _microsoft_due(invoice: Invoice) -> int:
    """The invoice's own due date, else net 60 from its issue date, as an ordinal (it may pass 9999)."""
    return invoice.due.toordinal() if invoice.due is not None else invoice.issued.toordinal() + _NET_60_DAYS


def microsoft_standing(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> MicrosoftStanding:
    """Apply Microsoft's payment terms to the partner's own Microsoft invoices.

    Invoices are due net 60 from their invoice date (``billing-basics.md``; an invoice's own ``due`` wins
    when given). Past due, the account is delinquent; "more than 60 days overdue" is a trigger for
    suspending the partner's Partner Center account (``suspended-partner-center-account.md``).

    >>> from cspcore.billing import Invoice
    >>> inv = Invoice(id="G1", issued=dt.date(2024, 1, 8), currency="USD", total_charges=Money(1000, "USD"))
    >>> s = microsoft_standing(Ledger(invoices=(inv,)), as_of=dt.date(2024, 5, 10))
    >>> s.delinquent, s.suspension_risk, s.days_past_due
    (True, True, 63)
    """
    book: Ledger = _validate.instance(ledger, Ledger, "ledger")
    state = settle(book, as_of=as_of, currency=currency)
    day = state.as_of
    overdue = Money.zero(state.currency)
    oldest: Invoice | None = None
    # Due dates as ordinals: net 60 from an invoice of late 9999 falls past the calendar's end, where
    # it is simply not due yet.
    for invoice in sorted(book.invoices, key=lambda i: (_microsoft_due(i), i.id)):
        owed = state.outstanding.get(invoice.id)
        if owed is not None and owed.is_positive() and _microsoft_due(invoice) < day.toordinal():
            overdue = overdue + owed
            oldest = oldest or invoice
    reasons: list[Reason] = []
    dpd = 0
    if oldest is not None:
        due = dt.date.fromordinal(_microsoft_due(oldest))
        dpd = (day - due).days
        reasons.append(
            Reason(
                code="billing.collections.microsoft_delinquent",
                params={"invoice": oldest.id, "due": due, "days_past_due": dpd, "overdue": overdue},
                source=_TERMS_SOURCE,
            )
        )
        if dpd > 60:
            reasons.append(
                Reason(
                    code="billing.collections.microsoft_suspension_risk",
                    params={"days_past_due": dpd},
                    source=_PARTNER_SUSPENSION_SOURCE,
                )
            )
    return MicrosoftStanding(
        as_of=day,
        delinquent=oldest is not None,
        suspension_risk=dpd > 60,
        days_past_due=dpd,
        overdue=overdue,
        reasons=tuple(reasons),
    )


@attrs.frozen(kw_only=True, init=False)
class CreditCheck:
    """Whether a purchase fits the partner's Microsoft credit limit.

    Args:
        available: What is left of the limit after the purchase (negative when over it).
        is_allowed: Whether the purchase may go ahead (``allowed=`` is its deprecated name).
        reasons: Why, with the rule's source.

    >>> credit_check(Money(1000, "USD"), incoming_purchase=Money(200, "USD")).available
    Money('800', 'USD')

    .. versionchanged:: 0.2.0
        ``allowed`` is now ``is_allowed``; the old name (attribute and keyword) warns and goes in 0.3.0.
    """

    available: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    is_allowed: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))

    def __init__(
        self,
        *,
        available: Money,
        is_allowed: bool | None = None,
        reasons: tuple[Reason, ...],
        allowed: bool | None = None,
    ) -> None:
        self.__attrs_init__(
            available=available,
            is_allowed=renamed_keyword(
                is_allowed, allowed, new="is_allowed", old="allowed", owner="CreditCheck"
            ),
            reasons=reasons,
        )

    @property
    def allowed(self) -> bool:
        """Deprecated name of :attr:`is_allowed`."""
        warn_renamed("CreditCheck.allowed", "CreditCheck.is_allowed")
        return self.is_allowed


def credit_check(
    limit: Money,
    *,
    incoming_purchase: Money,
    outstanding_unpaid: Money | None = None,
    unbilled: Money | None = None,
    overpayment: Money | None = None,
    renewal: bool = False,
) -> CreditCheck:
    """Microsoft's credit-limit rule: available = limit − (incoming + outstanding + unbilled − overpayment).

    Over the limit, new purchases are refused until enough is paid; existing subscriptions continue.
    Credit limits do not apply to renewals and ongoing consumption; disputed invoices still count as
    outstanding (``credit-limit-enforcement.md``).

    Args:
        limit: The credit limit (USD for Microsoft).
        incoming_purchase: The purchase being made.
        outstanding_unpaid: Unpaid invoices, disputed ones included.
        unbilled: Charges not yet invoiced.
        overpayment: Money paid in excess.
        renewal: The purchase is a renewal (never blocked).

    >>> check = credit_check(
    ...     Money(1000, "USD"),
    ...     incoming_purchase=Money(300, "USD"),
    ...     outstanding_unpaid=Money(800, "USD"),
    ...     overpayment=Money(50, "USD"),
    ... )
    >>> check.available, check.is_allowed
    (Money('-50', 'USD'), False)
    """
    cap: Money = _validate.instance(limit, Money, "limit")
    zero = Money.zero(cap.currency)
    parts = {
        "incoming_purchase": incoming_purchase,
        "outstanding_unpaid": outstanding_unpaid if outstanding_unpaid is not None else zero,
        "unbilled": unbilled if unbilled is not None else zero,
        "overpayment": overpayment if overpayment is not None else zero,
    }
    for name, value in parts.items():
        money: Money = _validate.instance(value, Money, name)
        if money.currency != cap.currency:
            raise CurrencyMismatch(name, cap.currency, money.currency)
        if money.is_negative():
            raise InvalidInput(name, "must not be negative", money, code=ErrorCode.OUT_OF_RANGE)
    if not isinstance(renewal, bool):
        raise InvalidInput("renewal", "expected a bool", renewal, code=ErrorCode.WRONG_TYPE)
    available = cap - (
        parts["incoming_purchase"] + parts["outstanding_unpaid"] + parts["unbilled"] - parts["overpayment"]
    )
    if renewal:
        reason = Reason(code="billing.collections.credit_limit_renewal", source=_CREDIT_SOURCE)
        return CreditCheck(available=available, is_allowed=True, reasons=(reason,))
    allowed = not available.is_negative()
    params = {"available": available, "limit": cap}
    if allowed:
        reason = Reason(code="billing.collections.credit_limit_ok", params=params, source=_CREDIT_SOURCE)
    else:
        reason = Reason(
            code="billing.collections.credit_limit_exceeded", params=params, source=_CREDIT_SOURCE
        )
    return CreditCheck(available=available, is_allowed=allowed, reasons=(reason,))
