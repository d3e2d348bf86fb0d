"""Azure plan usage: daily-rated usage lines, Partner Earned Credit, and their roll-up to invoice lines.

Partner Center rates Azure plan consumption once a day per meter and resource: each daily-rated
usage line (a row of the daily-rated usage file, or a ``DailyRatedUsageLineItem`` of the billed or
unbilled consumption API) states the day, the meter, the quantity consumed, the list price and the
price after credits in the pricing currency (USD for Azure), and the amount before tax in both the
pricing and the billing currency. The invoice bills the month's usage as lines keyed by
subscription, meter, charge period and price; :func:`rollup` builds those lines from the daily lines
with Microsoft's usage-based ``Subtotal`` formula.

>>> import datetime as dt
>>> from decimal import Decimal
>>> day = UsageLine(
...     usage_date=dt.date(2022, 6, 3), subscription_id="sub-1", meter_id="m-1",
...     quantity=Decimal("24"), unit_price=Decimal("0.096"), effective_unit_price=Decimal("0.0816"),
...     pricing_pre_tax_total=Decimal("1.9584"), billing_pre_tax_total=Decimal("1.9584"),
...     billing_currency="USD", pricing_currency="USD", pec_rate=Decimal("0.15"),
...     charge_start=dt.date(2022, 6, 1), charge_end=dt.date(2022, 6, 30),
... )  # fmt: skip
>>> (line,) = rollup([day, attrs.evolve(day, usage_date=dt.date(2022, 6, 4))])
>>> line.quantity, line.subtotal, line.days
(Decimal('48'), Money('3.91', 'USD'), 2)
>>> partner_earned_credit(day)
Money('0.34560', 'USD')

Sources: ``daily-rated-usage-recon-files.md`` (the columns), ``modern-invoice-reconciliation-file.md``
(``Subtotal``, usage-based), ``partner-earned-credit-explanation.md`` (Eligibility, Calculation),
``partner-earned-credit-troubleshoot.md`` (admin access for the entire day), ``azure-roles-perms-pec.md``.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from cspcore import _decimal, _validate
from cspcore.billing.exchange import exchange_rate
from cspcore.billing.proration import ProrationRounding, prorated_subtotal
from cspcore.currencies import MINOR_UNIT, currency_code
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.money import Money, exact_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "PEC_RATE",
    "PecCheck",
    "PecExclusion",
    "PecRefusal",
    "RolledUsage",
    "UsageKey",
    "UsageLine",
    "check_pec",
    "partner_earned_credit",
    "pec_effective_price",
    "rollup",
    "usage_key",
    "usage_subtotal",
]

_ONE: Final = Decimal(1)
#: The rate of Partner Earned Credit, as a fraction: the daily-rated usage file's
#: PartnerEarnedCreditPercentage is "Either 0 or 15 percent" (``daily-rated-usage-recon-files.md``),
#: and :attr:`PecCheck.rate` is this when the credit is earned, else 0.
PEC_RATE: Final = Decimal("0.15")


def _text(value: object, field: str) -> None:
    _validate.text(value, field, max_length=2000)


def _optional_text(value: object, field: str) -> None:
    if value is not None:
        _text(value, field)


def _optional_date(value: object, field: str) -> None:
    if value is not None:
        _validate.date(value, field)


def _quantity(value: object) -> Decimal:
    return _validate.quantity(value, "quantity")


def _unit_price(value: object) -> Decimal:
    return _validate.decimal(value, "unit_price")


def _pricing_total(value: object) -> Decimal:
    return _validate.decimal(value, "pricing_pre_tax_total")


def _billing_total(value: object) -> Decimal:
    return _validate.decimal(value, "billing_pre_tax_total")


def _optional_price(value: object) -> Decimal | None:
    return None if value is None else _validate.decimal(value, "effective_unit_price")


def _rate(value: object) -> Decimal:
    return exchange_rate(value, "exchange_rate")


def _stated_rate(line: UsageLine) -> Decimal:
    """The rate of a line that states none: 1 between one currency, else none to assume."""
    if line.billing_currency == line.pricing_currency:
        return _ONE
    raise InvalidInput(
        "exchange_rate",
        f"is required to bill {line.pricing_currency} prices in {line.billing_currency}",
        None,
        code=ErrorCode.MISSING,
    )


def _pec_rate(value: object) -> Decimal:
    return _validate.fraction(value, "pec_rate")


def _credit_rate(value: object) -> Decimal:
    return _validate.fraction(value, "credit_rate")


def _billing_currency(value: object) -> str:
    return currency_code(value, "billing_currency")


def _pricing_currency(value: object) -> str:
    return currency_code(value, "pricing_currency")


def _count(value: object, field: str) -> None:
    _validate.integer(value, field, minimum=0, maximum=_validate.MAX_QUANTITY)


_TEXT = _validate.attrs_validator(_text)
_OPTIONAL_TEXT = _validate.attrs_validator(_optional_text)
_OPTIONAL_DATE = _validate.attrs_validator(_optional_date)


@attrs.frozen(kw_only=True)
class UsageLine:
    """One daily-rated usage line: a meter's consumption on one day, rated.

    Args:
        usage_date: ``UsageDate``, the day consumed (UTC).
        subscription_id: ``SubscriptionId``, the Azure plan in Microsoft's billing platform.
        meter_id: ``MeterId``.
        quantity: ``Quantity``, units consumed that day (fractional; at most a trillion either way).
        unit_price: ``UnitPrice``, the list price per unit in the pricing currency, full precision.
        effective_unit_price: ``EffectiveUnitPrice``, the price per unit after Partner Earned Credit
            and other credits, in the pricing currency; ``None`` when the source states none.
        pricing_pre_tax_total: ``PricingPreTaxTotal``, the amount before tax in the pricing currency.
        billing_pre_tax_total: ``BillingPreTaxTotal``, the amount before tax, after PEC, in the
            billing currency.
        billing_currency: ``BillingCurrency``.
        pricing_currency: ``PricingCurrency`` (USD for Azure consumption).
        exchange_rate: ``PCToBCExchangeRate``, billing units per pricing unit; 1 whenever both
            currencies are one (and then by default). Between two currencies it must be given: no
            rate is assumed (``exchange_rate``, ``missing``).
        exchange_rate_date: ``PCToBCExchangeRateDate``.
        pec_rate: ``PartnerEarnedCreditPercentage`` as a fraction (``0.15`` for 15 %).
        credit_rate: ``CreditPercentage`` (``rateOfCredit``) as a fraction.
        credit_type: ``CreditType`` (``Azure Credit Applied``).
        meter_name: ``MeterName``.
        meter_category: ``MeterCategory``.
        resource_uri: ``ResourceURI``.
        entitlement_id: ``EntitlementId``, the Azure subscription id.
        customer_id: ``CustomerId``.
        invoice_number: ``InvoiceNumber`` (blank in unbilled usage).
        charge_type: ``ChargeType`` as written (``new``, or blank).
        charge_start: ``ChargeStartDate``, the first day of the charge period.
        charge_end: ``ChargeEndDate``, as written (it may be the first day of the next month).
    """

    usage_date: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    subscription_id: str = attrs.field(converter=_validate.plain_text, validator=_TEXT)
    meter_id: str = attrs.field(converter=_validate.plain_text, validator=_TEXT)
    quantity: Decimal = attrs.field(converter=_quantity)
    unit_price: Decimal = attrs.field(converter=_unit_price)
    pricing_pre_tax_total: Decimal = attrs.field(converter=_pricing_total)
    billing_pre_tax_total: Decimal = attrs.field(converter=_billing_total)
    billing_currency: str = attrs.field(converter=_billing_currency)
    pricing_currency: str = attrs.field(converter=_pricing_currency)
    effective_unit_price: Decimal | None = attrs.field(default=None, converter=_optional_price)
    exchange_rate: Decimal = attrs.field(
        default=attrs.Factory(_stated_rate, takes_self=True), converter=_rate
    )
    exchange_rate_date: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    pec_rate: Decimal = attrs.field(default=Decimal(0), converter=_pec_rate)
    credit_rate: Decimal = attrs.field(default=Decimal(0), converter=_credit_rate)
    credit_type: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    meter_name: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    meter_category: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    resource_uri: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    entitlement_id: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    customer_id: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    invoice_number: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    charge_type: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    charge_start: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    charge_end: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)

    def __attrs_post_init__(self) -> None:
        if self.billing_currency == self.pricing_currency and self.exchange_rate != _ONE:
            raise InvalidInput(
                "exchange_rate",
                f"is not 1, but the pricing currency is the billing currency {self.billing_currency}",
                self.exchange_rate,
                code=ErrorCode.INCONSISTENT,
            )
        if (
            self.charge_start is not None
            and self.charge_end is not None
            and self.charge_end < self.charge_start
        ):
            raise InvalidInput(
                "charge_end",
                f"is before charge_start {self.charge_start.isoformat()}",
                self.charge_end,
                code=ErrorCode.INCONSISTENT,
            )

    @property
    def rated_price(self) -> Decimal:
        """The price the invoice line keys on: ``effective_unit_price``, or the list price after PEC."""
        if self.effective_unit_price is not None:
            return self.effective_unit_price
        return pec_effective_price(self.unit_price, self.pec_rate)

    @property
    def billing_total(self) -> Money:
        """``BillingPreTaxTotal`` as money in the billing currency."""
        return Money(self.billing_pre_tax_total, self.billing_currency)

    @property
    def pricing_total(self) -> Money:
        """``PricingPreTaxTotal`` as money in the pricing currency."""
        return Money(self.pricing_pre_tax_total, self.pricing_currency)


def pec_effective_price(unit_price: Decimal, pec_rate: Decimal) -> Decimal:
    """The price per unit after Partner Earned Credit: ``unit_price × (1 − pec_rate)``, exactly.

    ``partner-earned-credit-explanation.md`` (Calculation): "the *EffectiveUnitPrice* ... is a
    percentage less than the *UnitPrice*".

    >>> pec_effective_price(Decimal("0.096"), Decimal("0.15"))
    Decimal('0.08160')

    Raises:
        InvalidInput: ``pec_rate`` is not a fraction from 0 to 1 (``15`` for 15 % is refused).
    """
    price = _validate.decimal(unit_price, "unit_price")
    rate = _pec_rate(pec_rate)
    return _decimal.exact(_decimal.EXACT.multiply, price, _decimal.exact(_decimal.EXACT.subtract, _ONE, rate))


def partner_earned_credit(line: UsageLine) -> Money:
    """The Partner Earned Credit a daily line earned, in its pricing currency, at full precision.

    Microsoft reports the credit as a percentage (``PartnerEarnedCreditPercentage``), not as an
    amount: the credit is the list amount times that percentage, ``unit_price × quantity × pec_rate``.
    Rounding is the invoice's business (:func:`rollup`), never the day's.

    >>> import datetime as dt
    >>> line = UsageLine(
    ...     usage_date=dt.date(2022, 6, 3), subscription_id="s", meter_id="m", quantity=10,
    ...     unit_price="2", pricing_pre_tax_total="17", billing_pre_tax_total="17",
    ...     billing_currency="USD", pricing_currency="USD", pec_rate="0.15",
    ... )  # fmt: skip
    >>> partner_earned_credit(line)
    Money('3.00', 'USD')
    """
    _validate.instance(line, UsageLine, "line")
    gross = _decimal.exact(_decimal.EXACT.multiply, line.unit_price, line.quantity)
    # the exact product has up to three inputs' digits: the trusted constructor keeps them all, where
    # Money() would refuse what is more precise than an input may be
    return exact_money(_decimal.exact(_decimal.EXACT.multiply, gross, line.pec_rate), line.pricing_currency)


class PecExclusion(CspEnum):
    """What Partner Earned Credit does not apply to (``partner-earned-credit-explanation.md``).

    Source: the page's Eligibility section, "PEC isn't applicable to".
    """

    RESERVATION = "reservation"
    """Azure plan reservations."""
    THIRD_PARTY = "thirdParty"
    """Products tagged *Third Party* in the Azure plan consumption price list."""
    MARKETPLACE = "marketplace"
    """Products in the Marketplace price list."""
    SPOT_VM = "spotVm"
    """Azure Spot Virtual Machines."""
    SAVINGS_PLAN = "savingsPlan"
    """Azure Savings Plans."""


class PecRefusal(CspEnum):
    """Why a day of a resource earns no Partner Earned Credit."""

    NO_AGREEMENT = "noAgreement"
    """No active partner program agreement."""
    NOT_APPLICABLE = "notApplicable"
    """The product is one PEC does not apply to (:class:`PecExclusion`)."""
    NO_ELIGIBLE_ROLE = "noEligibleRole"
    """No PEC-eligible access (AOBO, or an eligible Azure RBAC role) on the resource, its resource
    group or its subscription."""
    NOT_WHOLE_DAY = "notWholeDay"
    """The access did not last the entire day."""


def _optional_exclusion(value: PecExclusion | None) -> PecExclusion | None:
    return None if value is None else _validate.enum_member(PecExclusion, value, "exclusion")


_ELIGIBILITY: Final = Source(document="partner-earned-credit-explanation.md", section="Eligibility")
_WHOLE_DAY: Final = Source(document="partner-earned-credit-troubleshoot.md", section="Prerequisites")


@attrs.frozen(kw_only=True)
class PecCheck:
    """Whether a resource earns Partner Earned Credit on a day, and the rate if it does.

    ``refusals`` lists every unmet rule (empty when eligible), ``reasons`` the same as
    :class:`~cspcore.explain.Reason` values to render in any locale; ``exclusion`` is the product
    kind PEC does not apply to, given exactly when ``refusals`` holds ``NOT_APPLICABLE``; ``rate`` is
    :data:`PEC_RATE` (0.15) when eligible, else 0.

    .. versionchanged:: 0.4.0
        ``exclusion`` and ``reasons`` (codes ``billing.pec.*``).
    """

    refusals: tuple[PecRefusal, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, PecRefusal))
    exclusion: PecExclusion | None = attrs.field(default=None, converter=_optional_exclusion)

    def __attrs_post_init__(self) -> None:
        if (PecRefusal.NOT_APPLICABLE in self.refusals) != (self.exclusion is not None):
            raise InvalidInput(
                "exclusion",
                "names the excluded product exactly when the refusals hold NOT_APPLICABLE",
                self.exclusion,
                code=ErrorCode.MISSING if self.exclusion is None else ErrorCode.INCONSISTENT,
            )

    @property
    def eligible(self) -> bool:
        """No rule refuses the credit."""
        return not self.refusals

    @property
    def rate(self) -> Decimal:
        """The credit rate Microsoft applies: :data:`PEC_RATE` (15 %) when eligible, 0 otherwise."""
        return PEC_RATE if self.eligible else Decimal(0)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why no credit, one :class:`~cspcore.explain.Reason` per refusal, in the same order.

        >>> from cspcore.i18n import render
        >>> check = check_pec(eligible_role=True, whole_day=True, exclusion=PecExclusion.SPOT_VM)
        >>> [reason.code for reason in check.reasons]
        ['billing.pec.not_applicable']
        >>> render(check.reasons[0], locale="en_US")
        'No Partner Earned Credit: the product is one it does not apply to (Azure Spot Virtual Machines).'
        """
        return tuple(self._reason(refusal) for refusal in self.refusals)

    def _reason(self, refusal: PecRefusal) -> Reason:
        if refusal is PecRefusal.NO_AGREEMENT:
            return Reason(code="billing.pec.no_agreement", source=_ELIGIBILITY)
        if refusal is PecRefusal.NOT_APPLICABLE:
            return Reason(
                code="billing.pec.not_applicable", params={"exclusion": self.exclusion}, source=_ELIGIBILITY
            )
        if refusal is PecRefusal.NO_ELIGIBLE_ROLE:
            return Reason(code="billing.pec.no_eligible_role", source=_ELIGIBILITY)
        return Reason(code="billing.pec.not_whole_day", source=_WHOLE_DAY)


def check_pec(
    *,
    eligible_role: bool,
    whole_day: bool,
    agreement: bool = True,
    exclusion: PecExclusion | None = None,
) -> PecCheck:
    """The documented rules of Partner Earned Credit for one resource on one day.

    Modelled: an active partner program agreement; a PEC-eligible access (Admin on behalf of, or an
    Azure RBAC role the ``azure-roles-perms-pec.md`` table marks eligible, such as Owner or
    Contributor) held by the partner or, for an indirect provider, by it or its reseller, at the
    resource, resource group or subscription (``eligible_role``); held for the entire day
    (``whole_day``, ``partner-earned-credit-troubleshoot.md``); and the products PEC does not apply to
    (:class:`PecExclusion`). Not modelled: which Azure roles are eligible (the caller decides, from
    the table), the access's inheritance, and Microsoft's measurement of it.

    >>> check_pec(eligible_role=True, whole_day=True).rate
    Decimal('0.15')
    >>> check = check_pec(eligible_role=True, whole_day=False, exclusion=PecExclusion.SPOT_VM)
    >>> check.refusals
    (<PecRefusal.NOT_APPLICABLE: 'notApplicable'>, <PecRefusal.NOT_WHOLE_DAY: 'notWholeDay'>)
    >>> [reason.code for reason in check.reasons]
    ['billing.pec.not_applicable', 'billing.pec.not_whole_day']
    """
    refusals = []
    if not _validate.flag(agreement, "agreement"):
        refusals.append(PecRefusal.NO_AGREEMENT)
    excluded = _optional_exclusion(exclusion)
    if excluded is not None:
        refusals.append(PecRefusal.NOT_APPLICABLE)
    if not _validate.flag(eligible_role, "eligible_role"):
        refusals.append(PecRefusal.NO_ELIGIBLE_ROLE)
    if not _validate.flag(whole_day, "whole_day"):
        refusals.append(PecRefusal.NOT_WHOLE_DAY)
    return PecCheck(refusals=tuple(refusals), exclusion=excluded)


@attrs.frozen(kw_only=True)
class RolledUsage:
    """One usage line of the invoice: the daily lines of one subscription, meter, charge period and price.

    ``quantity`` is the exact sum of the daily quantities; ``subtotal`` Microsoft's usage-based
    formula applied once to the whole line (:func:`rollup`); ``days`` the distinct usage days and
    ``lines`` the daily lines rolled into it.
    """

    subscription_id: str = attrs.field(validator=_TEXT)
    meter_id: str = attrs.field(validator=_TEXT)
    charge_start: dt.date | None = attrs.field(validator=_OPTIONAL_DATE)
    charge_end: dt.date | None = attrs.field(validator=_OPTIONAL_DATE)
    effective_unit_price: Decimal = attrs.field(validator=_validate.attrs_validator(_validate.decimal))
    pricing_currency: str = attrs.field(validator=_validate.attrs_validator(currency_code))
    exchange_rate: Decimal = attrs.field(validator=_validate.attrs_validator(exchange_rate))
    quantity: Decimal = attrs.field(validator=_validate.attrs_validator(_validate.quantity))
    subtotal: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    days: int = attrs.field(validator=_validate.attrs_validator(_count))
    lines: int = attrs.field(validator=_validate.attrs_validator(_count))

    @property
    def key(self) -> UsageKey:
        """What the invoice line keys on."""
        return (
            self.subscription_id,
            self.meter_id,
            self.charge_start,
            self.charge_end,
            self.effective_unit_price,
            self.pricing_currency,
            self.exchange_rate,
            self.subtotal.currency,
        )


#: What an invoice usage line keys on: subscription, meter, charge period, price, pricing currency,
#: exchange rate, billing currency.
UsageKey = tuple[str, str, dt.date | None, dt.date | None, Decimal, str, Decimal, str]


def usage_key(line: UsageLine) -> UsageKey:
    """The invoice line a daily line rolls into."""
    return (
        line.subscription_id,
        line.meter_id,
        line.charge_start,
        line.charge_end,
        line.rated_price,
        line.pricing_currency,
        line.exchange_rate,
        line.billing_currency,
    )


def usage_subtotal(price: Decimal, quantity: Decimal, pricing: str, billing: str, rate: Decimal) -> Money:
    """The usage-based ``Subtotal`` of an invoice line (the one formula, :func:`prorated_subtotal`).

    ``ROUNDDOWN(ROUNDDOWN(EffectiveUnitPrice × BillableQuantity, 2) × PCToBCExchangeRate, 2)``, each cut
    to its currency's minor unit.
    """
    amount = prorated_subtotal(
        (price, 1),
        quantity,
        MINOR_UNIT[billing],
        ProrationRounding.LINE_TOTAL,
        rate=rate,
        price_quantum=MINOR_UNIT[pricing],
    )
    return Money(amount, billing)


def rollup(usage_lines: Iterable[UsageLine]) -> tuple[RolledUsage, ...]:
    """Roll daily-rated usage up to the invoice's usage lines.

    Daily lines are grouped by what an invoice line keys on: subscription, meter, charge period,
    price (:attr:`UsageLine.rated_price`), pricing and billing currency and exchange rate. Each
    group's quantity is the exact sum of its daily quantities, and its subtotal is Microsoft's
    usage-based formula (``modern-invoice-reconciliation-file.md``, Subtotal) applied once to that
    sum: ``ROUNDDOWN(ROUNDDOWN(price × Σ quantity, 2) × PCToBCExchangeRate, 2)``. Microsoft rounds the
    line, not the days: the daily amounts are never rounded and never added.

    Laws (tested): the quantities of the result add up exactly to the daily quantities, per group
    and in all; the line counts add up to the number of daily lines; for a non-negative line,
    ``0 ≤ price × quantity × rate − subtotal < pricing minor unit × rate + billing minor unit``.

    Memory: one entry per invoice line (not per daily line); the result is sorted by its key.

    Raises:
        InvalidInput: an item is not a :class:`UsageLine`, or an amount overflows.
    """
    groups: dict[UsageKey, _Group] = {}
    for index, line in enumerate(_validate.iterator(usage_lines, "usage_lines")):
        _validate.instance(line, UsageLine, f"usage_lines[{index}]")
        key = usage_key(line)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group()
        group.add(line)
    result = []
    for key in sorted(groups, key=_sort_key):
        group = groups[key]
        subscription, meter, start, end, price, pricing, rate, billing = key
        result.append(
            RolledUsage(
                subscription_id=subscription,
                meter_id=meter,
                charge_start=start,
                charge_end=end,
                effective_unit_price=price,
                pricing_currency=pricing,
                exchange_rate=rate,
                quantity=group.quantity,
                subtotal=usage_subtotal(price, group.quantity, pricing, billing, rate),
                days=len(group.days),
                lines=group.count,
            )
        )
    return tuple(result)


class _Group:
    """The running sums of one invoice line while daily lines are rolled up."""

    __slots__ = ("count", "days", "quantity")

    def __init__(self) -> None:
        self.quantity = Decimal(0)
        self.days: set[dt.date] = set()
        self.count = 0

    def add(self, line: UsageLine) -> None:
        self.quantity = _decimal.exact(_decimal.EXACT.add, self.quantity, line.quantity)
        self.days.add(line.usage_date)
        self.count += 1


def _sort_key(key: UsageKey) -> tuple[object, ...]:
    subscription, meter, start, end, price, pricing, rate, billing = key
    return (subscription, meter, start or dt.date.min, end or dt.date.min, price, pricing, rate, billing)
