"""The fast path for reading reconciliation CSV rows (internal).

A month of Partner Center data repeats itself: the same currency, dates, prices, products and
subscriptions on many rows. :func:`compile_reader` returns a converter that looks each raw cell up
in caches of values already read and builds the :class:`~cspcore.billing.ChargeLine` directly. A
cell it has not seen before is read by the same cell rule the careful reader uses
(:mod:`cspcore.interop._cells`); a cell that rule refuses, or a date or charge type not seen before,
sends the row through the careful reader, which names the row and column of any problem and teaches
the caches what it parsed. Both paths give equal lines; a property test holds them so.
"""

from __future__ import annotations

import csv
import decimal as _decimal
import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from cspcore._decimal import EXACT
from cspcore.billing.charges import FIELD_ORDER, ChargeLine, charge_line_of
from cspcore.errors import InvalidInput
from cspcore.interop import _cells as cells
from cspcore.interop.recon_columns import EXCHANGE_COLUMNS
from cspcore.money import exact_money

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

    from cspcore.billing.charges import ChargeType
    from cspcore.money import Money

_ADD: Final = EXACT.add
#: The order the fast path lists a line's values in: ChargeLine's own field order. A field added to
#: ChargeLine makes this module fail at import, never quietly fall back to the slow path.
ORDER: Final = (
    "order_date", "charge_type", "product", "subscription_id", "unit_price", "effective_unit_price",
    "quantity", "subtotal", "charge_start", "charge_end", "tax", "total", "reference_id", "qualifiers",
    "customer_id", "subscription_start", "subscription_end", "term_and_billing_cycle", "billing_frequency",
    "pricing_currency", "exchange_rate", "exchange_rate_date",
)  # fmt: skip
if ORDER != FIELD_ORDER:  # pragma: no cover - guards a change to ChargeLine
    msg = f"the fast recon reader lists {ORDER}, ChargeLine has {FIELD_ORDER}: update _fastcsv"
    raise ImportError(msg)
_LIMIT: Final = 200_000


_MISSING: Final = object()


def _same_amount(text: str, amount: Money) -> bool:
    """Whether ``text`` reads as exactly ``amount``, digits and exponent alike.

    Only then may the reader remember the cell as that amount: the cache of amounts is shared by every
    amount column, and ``72.00`` (a unit price read as written) is not ``72`` (a total read as
    subtotal + tax), though the two are equal.
    """
    try:
        return _decimal.Decimal(text.strip()).as_tuple() == amount.amount.as_tuple()
    except ArithmeticError:
        return False


def compile_reader(  # noqa: C901, PLR0915 - one straight-line converter is the point of this module
    index: dict[str, int], careful: Callable[[list[str], int], ChargeLine], *, raw: bool = False
) -> Callable[[list[str], int], Any]:
    """A row converter for a header whose column positions are ``index`` (every column present).

    The exchange columns may be absent (a file of lines priced in their billing currency).

    The converter returns a :class:`ChargeLine`, or with ``raw`` the line's checked field values as
    a tuple in :data:`ORDER` (for :func:`~cspcore.interop.reconcile`, which builds a line only when
    it has to keep it). A row the careful reader took is always returned as a ChargeLine. With
    ``raw``, the subscription and customer ids (different on nearly every row) are checked where
    they stand rather than looked up in caches, since the values are not kept.
    """
    i_cur, i_sub, i_tax, i_total = index["Currency"], index["Subtotal"], index["TaxTotal"], index["Total"]
    i_unit, i_eup, i_qty = index["UnitPrice"], index["EffectiveUnitPrice"], index["BillableQuantity"]
    i_order, i_start, i_end = index["OrderDate"], index["ChargeStartDate"], index["ChargeEndDate"]
    i_sstart, i_send = index["SubscriptionStartDate"], index["SubscriptionEndDate"]
    i_type, i_product, i_sid = index["ChargeType"], index["ProductName"], index["SubscriptionId"]
    i_ref, i_qual, i_cust = index["ReferenceId"], index["ProductQualifiers"], index["CustomerId"]
    i_term, i_freq = index["TermAndBillingCycle"], index["BillingFrequency"]
    # the exchange columns may be absent (files of lines priced in their billing currency)
    i_pricing, i_rate, i_rate_date = (index.get(column, -1) for column in EXCHANGE_COLUMNS)

    currencies: dict[str, str] = {}
    moneys: dict[str, dict[str, Money]] = {}
    quantities: dict[str, Decimal] = {}
    dates: dict[str, dt.date] = {}
    optional_dates: dict[str, dt.date | None] = {"": None}
    types: dict[str, ChargeType] = {}
    texts: dict[str, str] = {}
    products: dict[str, str] = {}
    optional_texts: dict[str, str | None] = {"": None}
    qualifiers: dict[str, tuple[str, ...]] = {"": ()}
    optional_get = optional_texts.get
    #: (Currency, PricingCurrency, PCToBCExchangeRate, PCToBCExchangeRateDate) cells -> the line's
    #: pricing currency, rate, rate date and the price cache of its price currency: learnt only.
    exchanges: dict[tuple[str, str, str, str], tuple[str | None, Decimal | None, dt.date | None, str]] = {}

    def exchange_cells(record: list[str]) -> tuple[str, str, str, str]:
        return (
            record[i_cur],
            "" if i_pricing < 0 else record[i_pricing],
            "" if i_rate < 0 else record[i_rate],
            "" if i_rate_date < 0 else record[i_rate_date],
        )

    def learn(record: list[str], line: ChargeLine) -> None:  # noqa: C901 - one cache per column
        code = line.currency
        currencies[record[i_cur]] = code
        priced = line.price_currency
        if len(exchanges) < 1000:
            exchanges[exchange_cells(record)] = (
                line.pricing_currency,
                line.exchange_rate,
                line.exchange_rate_date,
                priced,
            )
        money = moneys.setdefault(code, {})
        prices = money if priced == code else moneys.setdefault(priced, {})
        if prices is not money and len(prices) < _LIMIT:  # a line priced in another currency
            prices[record[i_unit]] = line.unit_price
            prices[record[i_eup]] = line.effective_unit_price
        if len(money) < _LIMIT:
            money[record[i_sub]] = line.subtotal
            if prices is money:
                money[record[i_unit]] = line.unit_price
                money[record[i_eup]] = line.effective_unit_price
            if record[i_tax].strip():
                money[record[i_tax]] = line.tax
            stated = record[i_total]
            # a stated total that disagrees is read as subtotal + tax: the text keeps its own value
            if stated.strip() and _same_amount(stated, line.total):
                money[stated] = line.total
        if record[i_qty].strip() and len(quantities) < _LIMIT:
            quantities[record[i_qty]] = line.quantity
        if len(dates) < _LIMIT:
            dates[record[i_order]] = line.order_date
            dates[record[i_start]] = line.charge_start
            dates[record[i_end]] = line.charge_end
            optional_dates[record[i_sstart]] = line.subscription_start
            optional_dates[record[i_send]] = line.subscription_end
        types[record[i_type]] = line.charge_type
        if len(products) < _LIMIT:
            products[record[i_product]] = line.product
        if len(texts) < _LIMIT:
            texts[record[i_sid]] = line.subscription_id
        if len(optional_texts) < _LIMIT:
            optional_texts[record[i_cust]] = line.customer_id
            optional_texts[record[i_term]] = line.term_and_billing_cycle
            optional_texts[record[i_freq]] = line.billing_frequency
        if len(qualifiers) < 1000:
            qualifiers[record[i_qual]] = line.qualifiers

    def amount(raw: str, money: dict[str, Money], code: str) -> Money:
        """An amount cell not seen before (the caller looks in the cache first)."""
        found = cells.amount(raw, code, "amount")
        if len(money) < _LIMIT:
            money[raw] = found
        return found

    def number_of(raw: str) -> Decimal:
        """A quantity cell not seen before (the caller looks in the cache first)."""
        found = cells.quantity(raw, "quantity")
        if len(quantities) < _LIMIT:
            quantities[raw] = found
        return found

    def text(raw: str, cache: dict[str, str]) -> str:
        """A required text cell not seen before (the caller looks in the cache first)."""
        found = cells.text(raw, "text")
        if len(cache) < _LIMIT:
            cache[raw] = found
        return found

    def optional_text(raw: str) -> str | None:
        """An optional text cell not seen before (the caller looks in the cache first)."""
        found = cells.optional_text(raw, "text")
        if found is not None and len(optional_texts) < _LIMIT:
            optional_texts[raw] = found
        return found

    def convert(record: list[str], number: int) -> Any:  # noqa: C901, PLR0912, PLR0915 - straight-line on purpose
        try:
            code = currencies[record[i_cur]]
            money = moneys[code]
            cached = money.get
            # `is None`, not `or`: a cached zero is falsy, and Money's __bool__ is a Python call.
            subtotal = cached(record[i_sub])
            if subtotal is None:
                subtotal = amount(record[i_sub], money, code)
            tax = cached(record[i_tax])
            if tax is None:
                tax = amount(record[i_tax], money, code)
            total = cached(record[i_total])
            if total is None:
                total = amount(record[i_total], money, code)
            pricing, rate, rate_date, priced = exchanges[exchange_cells(record)]
            prices = moneys[priced]
            unit = prices.get(record[i_unit])
            if unit is None:
                unit = amount(record[i_unit], prices, priced)
            effective = prices.get(record[i_eup])
            if effective is None:
                effective = amount(record[i_eup], prices, priced)
            quantity = quantities.get(record[i_qty])
            if quantity is None:
                quantity = number_of(record[i_qty])
            order = dates[record[i_order]]
            start = dates[record[i_start]]
            end = dates[record[i_end]]
            subscription_start = optional_dates[record[i_sstart]]
            subscription_end = optional_dates[record[i_send]]
            kind = types[record[i_type]]
            product = products.get(record[i_product]) or text(record[i_product], products)
            customer: object
            if raw:
                subscription = cells.text(record[i_sid], "SubscriptionId")
                customer = cells.optional_text(record[i_cust], "CustomerId")
            else:
                subscription = texts.get(record[i_sid]) or text(record[i_sid], texts)
                customer = optional_get(record[i_cust], _MISSING)
                if customer is _MISSING:
                    customer = optional_text(record[i_cust])
            term = optional_get(record[i_term], _MISSING)
            if term is _MISSING:
                term = optional_text(record[i_term])
            frequency = optional_get(record[i_freq], _MISSING)
            if frequency is _MISSING:
                frequency = optional_text(record[i_freq])
            qualified = qualifiers[record[i_qual]]
            reference = cells.optional_text(record[i_ref], "ReferenceId")
        except (KeyError, InvalidInput):  # a cell not seen before that its rule refuses, or cannot read
            parsed = careful(record, number)
            learn(record, parsed)
            return parsed
        summed = _ADD(subtotal.amount, tax.amount)
        if summed != total.amount or end < start:
            return careful(record, number)  # raises, naming the row and column
        if summed.as_tuple() != total.amount.as_tuple():  # "72.00" stated for 72 + 0: the total is the sum
            total = exact_money(summed, code)
        if raw:
            return (
                order, kind, product, subscription, unit, effective, quantity, subtotal, start, end, tax,
                total, reference, qualified, customer, subscription_start, subscription_end, term, frequency,
                pricing, rate, rate_date,
            )  # fmt: skip
        return charge_line_of(
            (
                order, kind, product, subscription, unit, effective, quantity, subtotal, start, end, tax,
                total, reference, qualified, customer, subscription_start, subscription_end, term, frequency,
                pricing, rate, rate_date,
            )
        )  # fmt: skip

    return convert


def build(values: tuple[Any, ...]) -> ChargeLine:
    """The ChargeLine of a raw converter's field values (see :func:`compile_reader`)."""
    return charge_line_of(values)


def records(lines: Iterator[Any]) -> Iterator[list[str]]:
    """The records that :func:`csv.reader` (``strict=True``) reads from ``lines``, split faster where it can.

    A line with no quote character and no line break but its own terminator is split at its
    commas: that is exactly the record the csv reader makes of it (an empty line gives ``[]``).
    From the first other line on (a quoted field, a stray line break, a line longer than the csv
    field size limit, an item that is not text), the csv reader reads the rest, so its results and
    its errors are the same as if it had read everything.
    """
    limit = csv.field_size_limit()
    for line in lines:
        if type(line) is str and '"' not in line and len(line) <= limit:
            if line[-1:] == "\n":
                body = line[:-2] if line[-2:-1] == "\r" else line[:-1]
            elif line[-1:] == "\r":
                body = line[:-1]
            else:
                body = line
            if "\n" not in body and "\r" not in body:
                yield body.split(",") if body else []
                continue
        yield from csv.reader(itertools.chain((line,), lines), strict=True)
        return


class ReconRows(Iterator[ChargeLine]):
    """The iterator :func:`~cspcore.interop.iter_recon_rows` returns.

    It yields charge lines. :func:`~cspcore.interop.reconcile` may instead take the rows before
    iteration starts, as field-value tuples (see :func:`compile_reader`), to build lines only for
    the rows it keeps.
    """

    __slots__ = ("_lines", "_rows")

    def __init__(self, rows: Callable[..., Iterator[Any]]) -> None:
        self._rows: Callable[..., Iterator[Any]] | None = rows
        self._lines: Iterator[ChargeLine] | None = None

    def __iter__(self) -> Iterator[ChargeLine]:  # noqa: PYI034 - the generator itself, see below
        """The lines themselves (a generator), so that a ``for`` loop pays no call per line here."""
        if self._lines is None:
            rows, self._rows = self._rows, None
            self._lines = iter(()) if rows is None else rows(raw=False)
        return self._lines

    def __next__(self) -> ChargeLine:
        return next(iter(self))

    def raw(self) -> Iterator[Any] | None:
        """The rows as tuples or lines, once and only before iteration started; else ``None``."""
        rows, self._rows = self._rows, None
        if rows is None:  # iteration started, or the rows were taken already
            return None
        self._lines = iter(())
        return rows(raw=True)
