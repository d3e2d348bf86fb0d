"""The fast CSV path: plain lines split without the csv reader, repeated cells read from caches.

Its contract (``cspcore.interop._fastcsv``): records equal to ``csv.reader(strict=True)``'s, lines
equal to the careful reader's, and errors naming row and column; while a row whose cells were seen
before, or that only brings new amounts, quantities or texts, never reaches the careful reader.
These tests hold the fast path to what it promises by watching which rows reach the careful reader,
which number cells the fast path checks itself, and when the csv reader starts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.errors import ErrorCode
from cspcore.interop import (
    RECON_COLUMNS,
    _cells,
    _fastcsv,
    iter_recon_rows,
    parse_recon_rows,
    recon_csv,
    reconcile,
    to_recon_rows,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

BASE = ChargeLine(
    order_date=dt.date(2024, 3, 5),
    charge_type=ChargeType.NEW,
    product="Microsoft 365 E3",
    subscription_id="sub-1",
    unit_price=Money(36, "EUR"),
    effective_unit_price=Money(36, "EUR"),
    quantity=Decimal(2),
    subtotal=Money(72, "EUR"),
    tax=Money("15.12", "EUR"),
    charge_start=dt.date(2024, 3, 5),
    charge_end=dt.date(2024, 4, 4),
    customer_id="c-1",
    reference_id="r-1",
    qualifiers=("AddOn",),
    subscription_start=dt.date(2024, 3, 5),
    subscription_end=dt.date(2025, 3, 4),
    term_and_billing_cycle="1 Year",
    billing_frequency="Monthly",
)
LONGEST = "x" * 2000
TEXT_FIELDS = {
    "ProductName": "product",
    "SubscriptionId": "subscription_id",
    "CustomerId": "customer_id",
    "TermAndBillingCycle": "term_and_billing_cycle",
}


def line(**changes: Any) -> ChargeLine:
    """BASE with ``changes``, its total following its subtotal and tax."""
    total = changes.get("subtotal", BASE.subtotal) + changes.get("tax", BASE.tax)
    return attrs.evolve(BASE, total=total, **changes)


def row(**changes: str) -> dict[str, str]:
    (written,) = to_recon_rows([BASE])
    return {**written, **changes}


def csv_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def cells(**changes: str) -> list[str]:
    written = row(**changes)
    return [written[column] for column in RECON_COLUMNS]


@pytest.fixture
def careful_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The numbers of the rows that reach the careful reader, in order."""
    numbers: list[int] = []
    compile_reader = _fastcsv.compile_reader

    def counting(index: dict[str, int], careful: Callable[[list[str], int], ChargeLine], *, raw: bool) -> Any:
        def counted(record: list[str], number: int) -> ChargeLine:
            numbers.append(number)
            return careful(record, number)

        return compile_reader(index, counted, raw=raw)

    monkeypatch.setattr(recon_csv, "compile_reader", counting)
    return numbers


@pytest.fixture
def checked_numbers(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The number cells (amounts and quantities) that the fast path checks itself, in order."""
    checked: list[object] = []

    def amount(value: str, code: str, field: str) -> Money:
        checked.append(value)
        return _cells.amount(value, code, field)

    def quantity(value: object, field: str) -> Decimal:
        checked.append(value)
        return _cells.quantity(value, field)

    rules = {name: getattr(_cells, name) for name in _cells.__dict__ if not name.startswith("_")}
    monkeypatch.setattr(
        _fastcsv, "cells", SimpleNamespace(**{**rules, "amount": amount, "quantity": quantity})
    )
    return checked


# --- records: the csv reader's records, split without it where a line is plain ---------------------


def started_readers(monkeypatch: pytest.MonkeyPatch, *, limit: int | None = None) -> list[int]:
    """Counts the csv readers that :func:`records` starts (with ``limit`` as the field size limit)."""
    started: list[int] = []

    def reader(lines: Any, **options: Any) -> Any:
        started.append(len(started) + 1)
        return csv.reader(lines, **options)

    size = csv.field_size_limit() if limit is None else limit
    fake = SimpleNamespace(reader=reader, field_size_limit=lambda: size, Error=csv.Error)
    monkeypatch.setattr(_fastcsv, "csv", fake)
    return started


def read(reader: Callable[[], Iterator[list[str]]]) -> list[list[str]] | str:
    """The records a reader gives, or the message of the csv error it raises."""
    try:
        return list(reader())
    except csv.Error as error:
        return f"csv.Error: {error}"


@pytest.mark.parametrize(
    "line",
    [
        "ab,c\n",
        "ab,c\r\n",
        "ab,c\r",
        "ab,c",
        "a\r\n",
        "a\r",
        "\n",
        "\r\n",
        "\r",
        "",
        ",,\n",
        " a , b ,\r\n",
        "\ufeffOrderDate,Total\r\n",
        "a\x00b,c\n",
    ],
)
def test_a_plain_line_is_split_at_its_commas_without_the_csv_reader(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (expected,) = csv.reader([line], strict=True)
    started = started_readers(monkeypatch)
    assert list(_fastcsv.records(iter([line, "x,y\n"]))) == [expected, ["x", "y"]]
    assert started == []


@pytest.mark.parametrize(
    "lines",
    [
        ['"a",b\n', "c,d\n"],
        ["a\rb\n", "c\n"],
        ["a\nb\n"],
        ["ab,c\rd"],
        ['a,"b\r\nc",d\r\n', "e\r\n"],
        ["a,b\n", '"x""y",z\n', "plain,again\n"],
        [b"a\n"],
        ["a\n", b"b\n"],
        [1],
        ["x" * (csv.field_size_limit() + 1)],
        ["a,b\n", 'c,"d\n'],
    ],
)
def test_from_the_first_line_that_needs_it_the_csv_reader_reads_the_rest(
    lines: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = read(lambda: csv.reader(lines, strict=True))  # type: ignore[arg-type]
    started = started_readers(monkeypatch)
    assert read(lambda: _fastcsv.records(iter(lines))) == expected
    assert started == [1]


def test_a_line_as_long_as_the_field_size_limit_is_split_without_the_csv_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = started_readers(monkeypatch, limit=10)
    assert list(_fastcsv.records(iter(["aaaa,bbbb\n", "a\n"]))) == [["aaaa", "bbbb"], ["a"]]
    assert started == []
    assert list(_fastcsv.records(iter(["aaaa,bbbbb\n", "a\n"]))) == [["aaaa", "bbbbb"], ["a"]]
    assert started == [1]


# --- compile_reader: which rows reach the careful reader ---------------------------------------------


def test_a_converter_gives_charge_lines_unless_raw_values_are_asked_for() -> None:
    index = {column: position for position, column in enumerate(RECON_COLUMNS)}
    careful_lines: list[int] = []

    def careful(_record: list[str], number: int) -> ChargeLine:
        careful_lines.append(number)
        return BASE

    convert = _fastcsv.compile_reader(index, careful)
    raw = _fastcsv.compile_reader(index, careful, raw=True)
    assert (convert(cells(), 1), convert(cells(), 2)) == (BASE, BASE)
    assert raw(cells(), 3) == BASE
    assert raw(cells(), 4) == tuple(getattr(BASE, name) for name in _fastcsv.ORDER)
    assert _fastcsv.build(raw(cells(), 5)) == BASE
    assert careful_lines == [1, 3]


def test_rows_bringing_new_amounts_quantities_and_texts_are_read_without_the_careful_reader(
    careful_rows: list[int],
) -> None:
    changes: list[tuple[dict[str, str], dict[str, Any]]] = [
        ({}, {}),
        (
            {"Subtotal": "70", "TaxTotal": "14.70", "Total": "84.70"},
            {"subtotal": Money("70", "EUR"), "tax": Money("14.70", "EUR")},
        ),
        ({"UnitPrice": "35"}, {"unit_price": Money(35, "EUR")}),
        ({"EffectiveUnitPrice": "34.5"}, {"effective_unit_price": Money("34.5", "EUR")}),
        ({"BillableQuantity": "3", "Quantity": "3"}, {"quantity": Decimal(3)}),
        ({"ProductName": " Teams "}, {"product": "Teams"}),
        ({"SubscriptionId": "sub-2"}, {"subscription_id": "sub-2"}),
        ({"CustomerId": "c-2"}, {"customer_id": "c-2"}),
        ({"CustomerId": "c-2"}, {"customer_id": "c-2"}),
        ({"TermAndBillingCycle": "1 Month"}, {"term_and_billing_cycle": "1 Month"}),
        ({"TermAndBillingCycle": "1 Month"}, {"term_and_billing_cycle": "1 Month"}),
        ({"BillingFrequency": "Annual"}, {"billing_frequency": "Annual"}),
        ({"BillingFrequency": "Annual"}, {"billing_frequency": "Annual"}),
        ({"ReferenceId": ""}, {"reference_id": None}),
        ({"ProductName": LONGEST, "CustomerId": LONGEST}, {"product": LONGEST, "customer_id": LONGEST}),
        ({"SubscriptionId": " " + LONGEST}, {"subscription_id": LONGEST}),
        ({"ChargeEndDate": "2024-03-05"}, {"charge_end": dt.date(2024, 3, 5)}),
    ]
    text = csv_text([row(**cell_changes) for cell_changes, _ in changes])
    expected = [line(**line_changes) for _, line_changes in changes]
    assert list(parse_recon_rows(text)) == expected
    assert careful_rows == [1]


def test_blank_optional_cells_after_filled_ones_are_read_without_the_careful_reader(
    careful_rows: list[int],
) -> None:
    rows = [row(), row(SubscriptionStartDate="", SubscriptionEndDate="", ProductQualifiers="", CustomerId="")]
    expected = line(subscription_start=None, subscription_end=None, qualifiers=(), customer_id=None)
    assert parse_recon_rows(csv_text(rows)) == (BASE, expected)
    assert careful_rows == [1]


def test_a_row_with_a_new_date_or_charge_type_goes_to_the_careful_reader_once(
    careful_rows: list[int],
) -> None:
    rows = [row(), row(ChargeEndDate="2024-04-05"), row(ChargeEndDate="2024-04-05"), row(ChargeType="renew")]
    lines = parse_recon_rows(csv_text(rows))
    assert lines[1:3] == (line(charge_end=dt.date(2024, 4, 5)),) * 2
    assert lines[3] == line(charge_type=ChargeType.RENEW)
    assert careful_rows == [1, 2, 4]


def test_a_blank_billable_quantity_takes_each_rows_own_quantity(careful_rows: list[int]) -> None:
    rows = [row(BillableQuantity="", Quantity="2"), row(BillableQuantity="", Quantity="3")]
    assert parse_recon_rows(csv_text(rows)) == (BASE, line(quantity=Decimal(3)))
    assert careful_rows == [1, 2]


def test_a_reference_of_exactly_2000_characters_is_kept() -> None:
    rows = [row(), row(ReferenceId=f" {LONGEST} ")]
    assert parse_recon_rows(csv_text(rows)) == (BASE, line(reference_id=LONGEST))


def test_a_longer_reference_on_a_fast_row_is_refused_naming_its_row_and_column() -> None:
    rows = [row(), row(ReferenceId=LONGEST + "y")]
    with pytest.raises(InvalidInput) as raised:
        parse_recon_rows(csv_text(rows))
    assert (raised.value.field, raised.value.value) == ("rows[2].ReferenceId", LONGEST + "y")
    assert raised.value.code == ErrorCode.TOO_LONG


def test_reconcile_reads_new_ids_of_at_most_2000_characters_without_the_careful_reader(
    careful_rows: list[int],
) -> None:
    rows = [
        row(),
        row(SubscriptionId="sub-2", CustomerId=""),
        row(SubscriptionId=LONGEST, CustomerId=f" {LONGEST} "),
    ]
    billed = [BASE, line(subscription_id="sub-2", customer_id=None)]
    billed.append(line(subscription_id=LONGEST, customer_id=LONGEST))
    text = csv_text(rows)
    assert reconcile([], iter_recon_rows(text)) == reconcile([], billed)
    assert careful_rows == [1]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"SubscriptionId": LONGEST + "y"}, "rows[2].SubscriptionId"),
        ({"SubscriptionId": "  "}, "rows[2].SubscriptionId"),
        ({"CustomerId": LONGEST + "y"}, "rows[2].CustomerId"),
    ],
)
def test_reconcile_refuses_a_bad_id_on_a_later_row_naming_its_row_and_column(
    changes: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        reconcile([BASE], iter_recon_rows(csv_text([row(), row(**changes)])))
    assert raised.value.field == field


# --- the caches: each distinct cell checked once, and bounded ----------------------------------------


def test_each_new_amount_or_quantity_text_is_checked_once(checked_numbers: list[object]) -> None:
    new_amounts = {"Subtotal": "70", "TaxTotal": "14.70", "Total": "84.70"}
    new_prices = {"UnitPrice": "35", "EffectiveUnitPrice": "35", "BillableQuantity": "3", "Quantity": "3"}
    rows = [row(), row(), row(**new_amounts), row(**new_amounts), row(**new_prices), row(**new_prices)]
    lines = parse_recon_rows(csv_text(rows))
    assert lines[3] == line(subtotal=Money(70, "EUR"), tax=Money("14.70", "EUR"))
    expected = line(unit_price=Money(35, "EUR"), effective_unit_price=Money(35, "EUR"), quantity=Decimal(3))
    assert lines[5] == expected
    assert checked_numbers == ["70", "14.70", "84.70", "35", "3"]


def test_a_full_amount_cache_keeps_no_more_amounts(
    checked_numbers: list[object], careful_rows: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first row teaches four distinct amounts (72, 15.12, 87.12, 36): with a limit of four, the
    # cache is full, so a new amount is checked every time it comes.
    monkeypatch.setattr(_fastcsv, "_LIMIT", 4)
    later = {"Subtotal": "70", "Total": "85.12", "ChargeEndDate": "2024-04-05"}
    lines = parse_recon_rows(csv_text([row(), row(**later), row(**later)]))
    assert lines[2] == line(subtotal=Money(70, "EUR"), charge_end=dt.date(2024, 4, 5))
    assert checked_numbers == ["70", "85.12", "70", "85.12"]
    assert careful_rows == [1, 2]


def test_a_full_quantity_cache_keeps_no_more_quantities(
    checked_numbers: list[object], careful_rows: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_fastcsv, "_LIMIT", 1)
    later = {"BillableQuantity": "3", "ChargeEndDate": "2024-04-05"}
    lines = parse_recon_rows(csv_text([row(), row(**later), row(**later)]))
    assert lines[2] == line(quantity=Decimal(3), charge_end=dt.date(2024, 4, 5))
    assert checked_numbers == ["3", "3"]
    assert careful_rows == [1, 2, 3]


def test_a_full_date_cache_sends_each_row_with_a_new_date_to_the_careful_reader(
    careful_rows: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first row teaches two dates (2024-03-05, 2024-04-04): a limit of two fills the cache.
    monkeypatch.setattr(_fastcsv, "_LIMIT", 2)
    later = {"ChargeEndDate": "2024-04-05"}
    lines = parse_recon_rows(csv_text([row(), row(**later), row(**later), row()]))
    assert lines == (BASE, *(line(charge_end=dt.date(2024, 4, 5)),) * 2, BASE)
    assert careful_rows == [1, 2, 3]


def test_the_qualifier_cache_holds_a_thousand_spellings(careful_rows: list[int]) -> None:
    spellings = [f"Q{number}" for number in range(1, 1001)]
    rows = [row(ProductQualifiers=spelling) for spelling in [*spellings, "Q1000", "Q999"]]
    lines = parse_recon_rows(csv_text(rows))
    assert [line.qualifiers for line in lines[-3:]] == [("Q1000",), ("Q1000",), ("Q999",)]
    assert careful_rows == list(range(1, 1002))


def test_lines_share_one_string_per_repeated_text() -> None:
    # Memory: a month's file repeats its products, ids and terms on many rows; the lines hold one
    # string for each, not one copy per row.
    rows = [row(), row(), row(ProductName="Teams", SubscriptionId="sub-2"), row(ProductName="Teams")]
    rows.append(row(ProductName="Teams", SubscriptionId="sub-2"))
    lines = parse_recon_rows(csv_text(rows))
    names = ("product", "subscription_id", "customer_id", "term_and_billing_cycle", "billing_frequency")
    for name in names:
        assert getattr(lines[1], name) is getattr(lines[0], name)
    assert lines[4].product is lines[3].product is lines[2].product
    assert lines[4].subscription_id is lines[2].subscription_id


@pytest.mark.parametrize(
    ("limit", "column", "value"),
    [
        (1, "ProductName", "Teams"),
        (1, "SubscriptionId", "sub-2"),
        (4, "CustomerId", "c-2"),
        (4, "TermAndBillingCycle", "1 Month"),
    ],
)
def test_a_full_text_cache_keeps_no_more_texts(
    limit: int, column: str, value: str, careful_rows: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first row fills the text caches to ``limit`` (the optional texts' cache starts with the blank
    # and learns three). A new text, whether the careful reader (row 2, a new date) or the fast path
    # (rows 3 and 4) reads it, is then not kept: each row has its own.
    monkeypatch.setattr(_fastcsv, "_LIMIT", limit)
    name = TEXT_FIELDS[column]
    rows = [
        row(),
        row(**{column: value, "ChargeEndDate": "2024-04-05"}),
        row(**{column: value}),
        row(**{column: value}),
    ]
    lines = parse_recon_rows(csv_text(rows))
    assert lines[1:] == (
        line(**{name: value, "charge_end": dt.date(2024, 4, 5)}),
        line(**{name: value}),
        line(**{name: value}),
    )
    assert len({id(getattr(each, name)) for each in lines[1:]}) == 3
    assert careful_rows == [1, 2]


def test_a_total_stated_with_more_decimals_reads_as_subtotal_plus_tax_as_alone() -> None:
    # Found by Hypothesis: "72.00" stated for 72 + 0 was kept as 72.00 by the fast path after a first
    # row, while the careful reader (a row alone) reads the total as subtotal + tax, 72.
    from cspcore.interop import iter_recon_rows

    header = (
        "CustomerId,OrderDate,ChargeType,ProductName,UnitPrice,Quantity,Subtotal,TaxTotal,Total,Currency,"
    )
    header += "SubscriptionId,ChargeStartDate,ChargeEndDate,EffectiveUnitPrice\n"
    first = "c,2024-03-05,new,E3,36,2,72,15.12,87.12,EUR,s,2024-03-05,2024-04-04,36\n"
    second = "c,2024-03-06,new,E3,36,2,72,0,72.00,EUR,s,2024-03-06,2024-04-05,36\n"
    after = list(iter_recon_rows(header + first + second))[1]
    (alone,) = iter_recon_rows(header + second)
    assert repr(after) == repr(alone)


def test_a_total_read_as_its_sum_is_not_remembered_for_the_same_text_in_another_column() -> None:
    # Found by Hypothesis: the first row's Total "72.00" (read as 72 + 0 = 72) was remembered as 72 for the
    # text "72.00", and the second row's UnitPrice "72.00" then read as 72, not as written.
    from cspcore.interop import iter_recon_rows

    header = "CustomerId,OrderDate,ChargeType,ProductName,UnitPrice,Quantity,Subtotal,TaxTotal,"
    header += "Total,Currency,SubscriptionId,ChargeStartDate,ChargeEndDate,EffectiveUnitPrice\n"
    first = "c,2024-03-05,new,E3,36,2,72,0,72.00,EUR,s,2024-03-05,2024-04-04,36\n"
    second = "c,2024-03-06,new,E3,72.00,2,72,15.12,87.12,EUR,s,2024-03-06,2024-04-05,36\n"
    after = list(iter_recon_rows(header + first + second))[1]
    (alone,) = iter_recon_rows(header + second)
    assert repr(after) == repr(alone)
