"""Partner Center invoice line items ⇄ charge lines (new commerce, legacy Office and legacy Azure).

>>> from cspcore.interop.line_items import parse_invoice_line_items
>>> (line,) = parse_invoice_line_items([{
...     "orderDate": "2019-02-04", "chargeType": "new", "productName": "WAF", "subscriptionId": "s",
...     "unitPrice": 820, "effectiveUnitPrice": 820, "quantity": 1, "subtotal": 820,
...     "currency": "USD", "chargeStartDate": "2019-02-04", "chargeEndDate": "2019-03-03",
... }])  # fmt: skip
>>> line.total
Money('820', 'USD')

Sources: ``developer/invoice-resources.md``, ``developer/get-invoiceline-items.md``.

.. versionadded:: 0.1.0
   In :mod:`cspcore.interop.partner_center`, which still re-exports every name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from cspcore import _validate
from cspcore.billing.charges import ChargeLine
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop import _payload as p
from cspcore.interop._cells import blank
from cspcore.interop._checks import Checks, exchange_pricing, exchange_rate
from cspcore.interop._lines import charge_type, trusted_charge_line
from cspcore.interop._rules import OneCurrency
from cspcore.interop.consistency import ParseReport
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["check_invoice_line_items", "parse_invoice_line_items"]


def _amount(
    item: Mapping[str, Any], name: str, where: str, code: str, *, required: bool = True
) -> Money | None:
    value = p.number(item, name, where, required=required)
    return None if value is None else Money(value, code)


def _onetime_line(item: Mapping[str, Any], where: str, checks: Checks) -> ChargeLine:
    """A new-commerce ``OneTimeInvoiceLineItem`` (``developer/invoice-resources.md``)."""
    code = p.currency(p.lookup(item, "currency", where), f"{where}.currency")
    subtotal = _amount(item, "subtotal", where, code)
    assert subtotal is not None  # noqa: S101 - required=True above
    tax = _amount(item, "taxTotal", where, code, required=False) or Money.zero(code)
    total = checks.total(
        _amount(item, "totalForCustomer", where, code, required=False),
        subtotal,
        tax,
        where,
        "totalForCustomer",
    )
    billable = p.quantity(item, "billableQuantity", where, required=False)
    quantity = billable if billable is not None else p.quantity(item, "quantity", where)
    start = p.date_field(item, "chargeStartDate", where)
    end = p.date_field(item, "chargeEndDate", where)
    assert start is not None  # noqa: S101
    assert end is not None  # noqa: S101
    if end < start:
        raise InvalidInput(
            f"{where}.chargeEndDate",
            f"is before chargeStartDate {start.isoformat()}",
            end,
            code=ErrorCode.INCONSISTENT,
        )
    raw_rate = p.lookup(item, "pcToBCExchangeRate", where, required=False)
    raw_pricing = p.lookup(item, "pricingCurrency", where, required=False)
    pricing, rate = exchange_pricing(
        None if blank(raw_pricing) else p.currency(raw_pricing, f"{where}.pricingCurrency"),
        raw_rate,
        code,
        f"{where}.pcToBCExchangeRate",
    )
    # the rate's date is read whatever the pricing currency, so a date that is not a date is refused
    rate_date = p.date_field(item, "pcToBCExchangeRateDate", where, required=False)
    if pricing is None:
        rate_date = None
    priced = pricing or code
    line = trusted_charge_line(
        order_date=p.date_field(item, "orderDate", where),
        charge_type=charge_type(p.lookup(item, "chargeType", where), f"{where}.chargeType"),
        product=p.text(item, "productName", where, required=False) or p.text(item, "skuName", where),
        subscription_id=p.text(item, "subscriptionId", where),
        unit_price=_amount(item, "unitPrice", where, priced),
        effective_unit_price=_amount(item, "effectiveUnitPrice", where, priced),
        quantity=quantity,
        subtotal=subtotal,
        tax=tax,
        total=total,
        charge_start=start,
        charge_end=end,
        reference_id=p.text(item, "referenceId", where, required=False),
        qualifiers=p.qualifiers(
            p.lookup(item, "productQualifiers", where, required=False), f"{where}.productQualifiers"
        ),
        customer_id=p.text(item, "customerId", where, required=False),
        subscription_start=p.date_field(item, "subscriptionStartDate", where, required=False),
        subscription_end=p.date_field(item, "subscriptionEndDate", where, required=False),
        term_and_billing_cycle=p.text(item, "termAndBillingCycle", where, required=False),
        billing_frequency=p.text(item, "billingFrequency", where, required=False),
        pricing_currency=pricing,
        exchange_rate=rate,
        exchange_rate_date=rate_date,
    )
    if checks.formulas and rate is None:
        rate = exchange_rate(raw_rate, f"{where}.pcToBCExchangeRate")
    checks.subtotal(line, rate, where, "subtotal")
    return line


def _office_line(item: Mapping[str, Any], where: str, checks: Checks) -> ChargeLine:
    """A legacy ``LicenseBasedLineItem`` (Office): ``subtotal`` is after discounts, before tax."""
    code = p.currency(p.lookup(item, "currency", where), f"{where}.currency")
    subtotal = _amount(item, "subtotal", where, code)
    assert subtotal is not None  # noqa: S101
    tax = _amount(item, "tax", where, code, required=False) or Money.zero(code)
    total = checks.total(
        _amount(item, "totalForCustomer", where, code, required=False),
        subtotal,
        tax,
        where,
        "totalForCustomer",
    )
    checks.no_formula()
    quantity = p.quantity(item, "quantity", where)
    assert quantity is not None  # noqa: S101
    unit_price = _amount(item, "unitPrice", where, code)
    assert unit_price is not None  # noqa: S101
    # The legacy item has no effective unit price; the discounted, prorated price per seat is the
    # subtotal over the quantity.
    effective = subtotal / quantity if quantity else unit_price
    start = p.date_field(item, "chargeStartDate", where)
    assert start is not None  # noqa: S101
    return _build(
        where,
        order_date=start,
        charge_type=charge_type(p.lookup(item, "chargeType", where), f"{where}.chargeType"),
        product=p.text(item, "offerName", where, required=False) or p.text(item, "subscriptionName", where),
        subscription_id=p.text(item, "subscriptionId", where),
        unit_price=unit_price,
        effective_unit_price=effective,
        quantity=quantity,
        subtotal=subtotal,
        tax=tax,
        total=total,
        charge_start=start,
        charge_end=p.date_field(item, "chargeEndDate", where),
        customer_id=p.text(item, "customerId", where, required=False),
        subscription_start=p.date_field(item, "subscriptionStartDate", where, required=False),
        subscription_end=p.date_field(item, "subscriptionEndDate", where, required=False),
        billing_frequency=p.text(item, "billingCycleType", where, required=False),
    )


def _azure_line(item: Mapping[str, Any], where: str, checks: Checks) -> ChargeLine:
    """A legacy Azure (MS-AZR-0145P) ``UsageBasedLineItem``: billed overage at the list price."""
    code = p.currency(p.lookup(item, "currency", where), f"{where}.currency")
    subtotal = _amount(item, "pretaxCharges", where, code)
    assert subtotal is not None  # noqa: S101
    tax = _amount(item, "taxAmount", where, code, required=False) or Money.zero(code)
    total = checks.total(
        _amount(item, "postTaxTotal", where, code, required=False), subtotal, tax, where, "postTaxTotal"
    )
    checks.no_formula()
    start = p.date_field(item, "chargeStartDate", where)
    assert start is not None  # noqa: S101
    names = [
        p.text(item, key, where, required=False) for key in ("serviceName", "serviceType", "resourceName")
    ]
    product = " ".join(name for name in names if name) or p.text(item, "subscriptionName", where)
    return _build(
        where,
        order_date=start,
        charge_type=charge_type(p.lookup(item, "chargeType", where), f"{where}.chargeType"),
        product=product,
        subscription_id=p.text(item, "subscriptionId", where),
        unit_price=_amount(item, "listPrice", where, code),
        effective_unit_price=_amount(item, "pretaxEffectiveRate", where, code),
        quantity=p.quantity(item, "overageQuantity", where),
        subtotal=subtotal,
        tax=tax,
        total=total,
        charge_start=start,
        charge_end=p.date_field(item, "chargeEndDate", where),
        customer_id=p.text(item, "customerId", where, required=False),
        billing_frequency=p.text(item, "billingCycleType", where, required=False),
    )


def _build(where: str, **values: Any) -> ChargeLine:
    try:
        return ChargeLine(**values)
    except InvalidInput as error:
        raise error.renamed(f"{where}.{error.field}") from None


#: The values of ``billingProvider`` read (folded: no underscores, any case), and of ``invoiceLineItemType``.
_PROVIDERS: Final = ("office", "azure", "one_time", "marketplace")
_ITEM_TYPES: Final = ("billing_line_items",)


def _spelling(item: Mapping[str, Any], key: str, where: str) -> str | None:
    """A spelling key's value folded (``One_Time`` → ``onetime``), ``None`` when absent; text only."""
    value = p.lookup(item, key, where, required=False)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{where}.{key}", "expected text", value, code=ErrorCode.WRONG_TYPE)
    return value.strip().replace("_", "").casefold()


#: The ``attributes.objectType`` of usage line items (folded): daily-rated (priced) and legacy Azure.
_USAGE_OBJECTS: Final = frozenset({"dailyratedusagelineitem", "dailyusagelineitem"})


def _usage_kind(item: Mapping[str, Any], kind: str | None, where: str) -> tuple[str, object] | None:
    """The field that marks a usage line item and its value, or ``None`` for any other item.

    ``kind`` is the item's folded ``invoiceLineItemType``, which says so (``usage_line_items``);
    where it is absent, the item's ``attributes.objectType`` (``DailyRatedUsageLineItem``,
    ``DailyUsageLineItem``) does: the billed consumption sample of
    ``developer/get-invoice-billed-consumption-lineitems.md`` (Response example 2) has no
    ``invoiceLineItemType`` and tells what it is only that way.
    """
    if kind == "usagelineitems":
        return f"{where}.invoiceLineItemType", p.lookup(item, "invoiceLineItemType", where)
    if kind is not None:
        return None
    attributes = p.lookup(item, "attributes", where, required=False)
    if attributes is not None:
        here = f"{where}.attributes"
        found = p.mapping(attributes, here)
        if _spelling(found, "objectType", here) in _USAGE_OBJECTS:
            return f"{here}.objectType", p.lookup(found, "objectType", here)
    if _spelling(item, "attributes/objectType", where) in _USAGE_OBJECTS:  # the samples' stray key
        return f"{where}.attributes/objectType", p.lookup(item, "attributes/objectType", where)
    return None


def _line_item(item: Mapping[str, Any], where: str, checks: Checks) -> ChargeLine:
    kind = _spelling(item, "invoiceLineItemType", where)
    usage = _usage_kind(item, kind, where)
    if usage is not None:
        priced = p.lookup(item, "unitPrice", where, required=False) is not None
        raise InvalidInput(
            usage[0],
            "daily-rated usage is not a charge line; read it with interop.usage.parse_usage_line_items"
            if priced
            else "legacy usage line items carry no prices or amounts; parse the billing line items instead",
            usage[1],
            code=ErrorCode.NOT_ALLOWED,
        )
    if kind not in {None, "billinglineitems"}:
        raise InvalidInput(
            f"{where}.invoiceLineItemType",
            "expected billing_line_items",
            p.lookup(item, "invoiceLineItemType", where),
            code=ErrorCode.UNKNOWN_VALUE,
            choices=_ITEM_TYPES,
        )
    folded = _spelling(item, "billingProvider", where)
    if folded == "office":
        return _office_line(item, where, checks)
    if folded == "azure":
        return _azure_line(item, where, checks)
    if folded in {None, "onetime", "marketplace"}:
        return _onetime_line(item, where, checks)
    raise InvalidInput(
        f"{where}.billingProvider",
        "expected office, azure, one_time or marketplace",
        p.lookup(item, "billingProvider", where),
        code=ErrorCode.UNKNOWN_VALUE,
        choices=_PROVIDERS,
    )


def parse_invoice_line_items(
    payload: str | bytes | Mapping[str, Any] | list[Any], *, strict: bool = False
) -> tuple[ChargeLine, ...]:
    """Parse invoice line items (``GET /v1/invoices/{id}/lineitems``) into charge lines with tax and total.

    Three shapes are read, told apart by ``billingProvider``:

    * ``one_time`` (new commerce, Azure plan, marketplace): ``OneTimeInvoiceLineItem``. The quantity
      is ``billableQuantity`` (``quantity`` when absent), tax is ``taxTotal`` and the total
      ``totalForCustomer``.
    * ``office`` (legacy license-based): ``subtotal`` after discounts, ``tax``, ``totalForCustomer``;
      the order date is the charge start date (the item has none), the effective unit price is
      subtotal ÷ quantity.
    * ``azure`` (legacy MS-AZR-0145P billing items): ``pretaxCharges``, ``taxAmount``,
      ``postTaxTotal``, the overage quantity at ``listPrice``.

    Legacy charge descriptions map to the nearest new-commerce :class:`~cspcore.billing.ChargeType`.
    A stated total that is not subtotal + tax is refused: a reconciliation must not paper over it.

    Args:
        payload: A collection (object with ``items``) or a list, as text, bytes or decoded.
        strict: Refuse the first item whose total is not subtotal + tax, or whose new-commerce
            subtotal neither documented rounding reproduces (otherwise the item is read, with
            subtotal + tax as its total; :func:`check_invoice_line_items` reports it).

    Returns:
        One :class:`~cspcore.billing.ChargeLine` per item, in order.

    Raises:
        InvalidInput: naming ``items[i].<field>`` (missing, non-numeric, unknown currency or charge
            type, inconsistent total), or the JSON syntax error's line and column. Usage line items
            (``usage_line_items``; without an ``invoiceLineItemType``, an ``attributes.objectType``
            of ``DailyRatedUsageLineItem`` or ``DailyUsageLineItem``) are refused (``NOT_ALLOWED``,
            naming the key that says so): daily-rated ones are usage lines, read by
            :func:`cspcore.interop.usage.parse_usage_line_items`; legacy ones carry no amounts.
            An ``attributes`` that is not an object, or an ``objectType`` that is not text, is
            refused (``WRONG_TYPE``) where it is read (no ``invoiceLineItemType``).
            A ``billingProvider`` or ``invoiceLineItemType`` that is not text is refused
            (``WRONG_TYPE``), and one of another value (``UNKNOWN_VALUE``, with the values read as
            ``choices``), rather than read as a one-time item.

    >>> (line,) = parse_invoice_line_items(
    ...     {
    ...         "items": [
    ...             {
    ...                 "billingProvider": "one_time",
    ...                 "orderDate": "2021-01-29T19:50:13.9869095Z",
    ...                 "chargeType": "new",
    ...                 "productName": "Office 365 E3",
    ...                 "subscriptionId": "sub-1",
    ...                 "unitPrice": 16,
    ...                 "effectiveUnitPrice": "16",
    ...                 "quantity": 1,
    ...                 "subtotal": 16,
    ...                 "taxTotal": "1.61",
    ...                 "totalForCustomer": "17.61",
    ...                 "currency": "USD",
    ...                 "chargeStartDate": "2021-01-29T00:00:00Z",
    ...                 "chargeEndDate": "2021-02-27T00:00:00Z",
    ...             }
    ...         ]
    ...     }
    ... )
    >>> line.charge_type, line.tax, line.total, line.days
    (<ChargeType.NEW: 'new'>, Money('1.61', 'USD'), Money('17.61', 'USD'), 30)
    """
    return _line_items(payload, Checks(strict=_validate.flag(strict, "strict"), formulas=False))


def _line_items(payload: object, checks: Checks) -> tuple[ChargeLine, ...]:
    items = p.items_of(p.load_json(payload))
    seen = OneCurrency()  # one invoice's items: one billing currency
    lines = []
    for i, item in enumerate(items):
        line = _line_item(p.mapping(item, f"items[{i}]"), f"items[{i}]", checks)
        seen.check(line.currency, f"items[{i}].currency")
        lines.append(line)
    return tuple(lines)


def check_invoice_line_items(payload: str | bytes | Mapping[str, Any] | list[Any]) -> ParseReport:
    """Parse invoice line items as :func:`parse_invoice_line_items` does, and report every inconsistency.

    Each item's ``totalForCustomer`` (``postTaxTotal``) must be its subtotal plus tax, and each
    new-commerce item's ``subtotal`` must follow from ``effectiveUnitPrice × billableQuantity`` by one
    of Microsoft's documented roundings (:func:`~cspcore.interop.consistency.subtotal_roundings`,
    at ``pcToBCExchangeRate``). Every item is read; what disagrees is reported beside the lines.

    Raises:
        InvalidInput: for what cannot be read at all (as :func:`parse_invoice_line_items`).

    >>> item = {
    ...     "orderDate": "2019-02-04", "chargeType": "new", "productName": "WAF", "subscriptionId": "s",
    ...     "unitPrice": 820, "effectiveUnitPrice": 820, "quantity": 1, "subtotal": 820,
    ...     "taxTotal": 0, "totalForCustomer": 0, "currency": "USD",
    ...     "chargeStartDate": "2019-02-04", "chargeEndDate": "2019-03-03",
    ... }  # fmt: skip
    >>> report = check_invoice_line_items([item])
    >>> report.lines[0].total, [(i.where, i.field, i.stated) for i in report.issues]
    (Money('820', 'USD'), [('items[0]', 'totalForCustomer', Money('0', 'USD'))])
    """
    checks = Checks(strict=False, formulas=True)
    lines = _line_items(payload, checks)
    return ParseReport(lines=lines, issues=tuple(checks.issues), roundings=tuple(checks.roundings))
