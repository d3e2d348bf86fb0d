"""Reconciliation-file rows ⇄ charge lines, column by column (``modern-invoice-reconciliation-file.md``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import RECON_COLUMNS, iter_recon_rows, parse_recon_rows, to_recon_rows

# One row of every column cspcore reads, each value distinct from every other.
ROW: dict[str, str] = {
    "CustomerId": "0a7ee8b1-3c1b-4d8e-9a85-6f2b3c4d5e6f",
    "OrderDate": "2022-03-07",
    "ProductName": "Microsoft 365 Business Standard",
    "ChargeType": "addQuantity",
    "UnitPrice": "12",
    "Quantity": "16",
    "Subtotal": "168.38",
    "TaxTotal": "16.84",
    "Total": "185.22",
    "Currency": "eur",
    "SubscriptionId": "a4ab3e17-bd2b-4d1e-8ff3-5b2a1c0d9e8f",
    "ChargeStartDate": "2022-03-08",
    "ChargeEndDate": "2022-04-04",
    "TermAndBillingCycle": "One-Year commitment for monthly/yearly billing",
    "EffectiveUnitPrice": "11.2258064516",
    "BillableQuantity": "15",
    "BillingFrequency": "Monthly",
    "SubscriptionStartDate": "2022-03-05",
    "SubscriptionEndDate": "2023-03-04",
    "ReferenceId": "12d33e18-a02b-4e4d-9f8b-4a7c6e5d3b2a",
    "ProductQualifiers": '["AddOn","Trial"]',
}

LINE = ChargeLine(
    order_date=dt.date(2022, 3, 7),
    charge_type=ChargeType.ADD_QUANTITY,
    product="Microsoft 365 Business Standard",
    subscription_id="a4ab3e17-bd2b-4d1e-8ff3-5b2a1c0d9e8f",
    unit_price=Money(12, "EUR"),
    effective_unit_price=Money("11.2258064516", "EUR"),
    quantity=Decimal(15),
    subtotal=Money("168.38", "EUR"),
    tax=Money("16.84", "EUR"),
    total=Money("185.22", "EUR"),
    charge_start=dt.date(2022, 3, 8),
    charge_end=dt.date(2022, 4, 4),
    reference_id="12d33e18-a02b-4e4d-9f8b-4a7c6e5d3b2a",
    qualifiers=("AddOn", "Trial"),
    customer_id="0a7ee8b1-3c1b-4d8e-9a85-6f2b3c4d5e6f",
    subscription_start=dt.date(2022, 3, 5),
    subscription_end=dt.date(2023, 3, 4),
    term_and_billing_cycle="One-Year commitment for monthly/yearly billing",
    billing_frequency="Monthly",
)

#: The columns a row must have a value in (the quantity may come from either quantity column).
REQUIRED = (
    "OrderDate",
    "ChargeType",
    "UnitPrice",
    "Subtotal",
    "Currency",
    "SubscriptionId",
    "ChargeStartDate",
    "ChargeEndDate",
    "EffectiveUnitPrice",
)
OPTIONAL = tuple(column for column in RECON_COLUMNS if column not in (*REQUIRED, "ProductName"))


def csv_text(rows: list[dict[str, str]], columns: tuple[str, ...] = RECON_COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def with_(base: dict[str, str], **changes: str | None) -> dict[str, str]:
    """``base`` with ``changes`` applied; a change to ``None`` removes the column."""
    result = dict(base)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def fields(line: ChargeLine, **changes: Any) -> ChargeLine:
    """A copy of ``line`` with ``changes``, built by ChargeLine's own constructor."""
    names = [field.name for field in attrs.fields(ChargeLine)]
    return ChargeLine(**{**{name: getattr(line, name) for name in names}, **changes})


def refused(rows: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(rows, strict=True)
    return caught.value


BARE = fields(
    LINE,
    tax=Money(0, "EUR"),
    total=Money("168.38", "EUR"),
    reference_id=None,
    qualifiers=(),
    customer_id=None,
    subscription_start=None,
    subscription_end=None,
    term_and_billing_cycle=None,
    billing_frequency=None,
)


# -- reading rows ------------------------------------------------------------------------------------


def test_a_row_mapping_maps_every_column_to_its_own_line_field() -> None:
    assert parse_recon_rows([ROW]) == (LINE,)


def test_a_csv_file_of_every_column_maps_every_column_to_its_own_line_field() -> None:
    assert parse_recon_rows(csv_text([ROW, ROW])) == (LINE, LINE)


def test_a_csv_file_of_some_columns_maps_each_to_its_own_line_field() -> None:
    columns = tuple(column for column in RECON_COLUMNS if column != "Quantity")
    assert parse_recon_rows(csv_text([ROW, ROW], columns)) == (LINE, LINE)


def test_csv_lines_read_from_an_open_file_give_the_same_lines() -> None:
    columns = tuple(column for column in RECON_COLUMNS if column != "Quantity")
    assert parse_recon_rows(io.StringIO(csv_text([ROW], columns))) == (LINE,)


def test_row_mapping_keys_are_matched_in_any_case() -> None:
    assert parse_recon_rows([{key.upper(): value for key, value in ROW.items()}]) == (LINE,)


def test_row_mappings_may_carry_numbers_and_dates_as_json_or_python_values() -> None:
    decoded: dict[str, Any] = {
        **ROW,
        "UnitPrice": 12,
        "Subtotal": Decimal("168.38"),
        "TaxTotal": Decimal("16.84"),
        "Total": Decimal("185.22"),
        "EffectiveUnitPrice": Decimal("11.2258064516"),
        "BillableQuantity": 15,
        "OrderDate": dt.date(2022, 3, 7),
        "ChargeStartDate": dt.date(2022, 3, 8),
        "SubscriptionStartDate": dt.date(2022, 3, 5),
        "ProductQualifiers": ["AddOn", "Trial"],
    }
    assert parse_recon_rows([decoded]) == (LINE,)


def test_ids_written_as_numbers_are_read_as_text() -> None:
    numbered: dict[str, Any] = {**ROW, "SubscriptionId": 4391507, "CustomerId": Decimal(17), "ReferenceId": 9}
    expected = fields(LINE, subscription_id="4391507", customer_id="17", reference_id="9")
    assert parse_recon_rows([numbered]) == (expected,)


def test_text_values_are_stripped() -> None:
    padded = with_(
        ROW, ProductName="  Microsoft 365 Business Standard ", SubscriptionId=" s-1 ", CustomerId=" c "
    )
    assert parse_recon_rows([padded]) == (fields(LINE, subscription_id="s-1", customer_id="c"),)


def test_a_row_without_optional_columns_has_zero_tax_and_nothing_else_set() -> None:
    bare = {column: value for column, value in ROW.items() if column not in OPTIONAL}
    assert parse_recon_rows([{**bare, "BillableQuantity": "15"}]) == (BARE,)


def test_blank_optional_columns_leave_their_fields_unset() -> None:
    blank = {**ROW, **dict.fromkeys(OPTIONAL, "  "), "BillableQuantity": "15"}
    assert parse_recon_rows([blank]) == (BARE,)
    assert parse_recon_rows(csv_text([blank])) == (BARE,)


def test_none_in_optional_columns_leaves_their_fields_unset() -> None:
    nothing: dict[str, Any] = {**ROW, **dict.fromkeys(OPTIONAL), "BillableQuantity": "15"}
    assert parse_recon_rows([nothing]) == (BARE,)


def test_the_net_minimum_date_means_no_subscription_dates() -> None:
    row = with_(ROW, SubscriptionStartDate="0001-01-01", SubscriptionEndDate="1/1/0001")
    expected = fields(LINE, subscription_start=None, subscription_end=None)
    assert parse_recon_rows([row]) == (expected,)
    assert parse_recon_rows(csv_text([row], tuple(ROW))) == (expected,)


def test_the_quantity_is_the_billable_quantity_else_the_quantity() -> None:
    assert parse_recon_rows([with_(ROW, BillableQuantity=" ")]) == (fields(LINE, quantity=Decimal(16)),)
    assert parse_recon_rows([with_(ROW, BillableQuantity=None)]) == (fields(LINE, quantity=Decimal(16)),)


def test_a_row_without_a_product_name_is_named_by_its_sku_name() -> None:
    row = {**with_(ROW, ProductName=None), "SkuName": "M365 BS"}
    assert parse_recon_rows([row]) == (fields(LINE, product="M365 BS"),)
    columns = tuple(column for column in RECON_COLUMNS if column != "ProductName")
    assert parse_recon_rows(csv_text([row], (*columns, "SkuName"))) == (fields(LINE, product="M365 BS"),)


def test_a_row_with_both_names_is_named_by_its_product_name() -> None:
    row = {"SkuName": "M365 BS", **ROW}
    assert parse_recon_rows([row]) == (LINE,)
    assert parse_recon_rows(csv_text([row], ("SkuName", *RECON_COLUMNS))) == (LINE,)


def test_dict_reader_rows_with_more_cells_than_the_header_are_read_by_their_named_columns() -> None:
    columns = tuple(column for column in ROW if column not in {"TaxTotal", "Total"})
    text = csv_text([ROW], columns).replace("\n", ",surplus\n").replace(",surplus\n", "\n", 1)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0][None] == ["surplus"]
    assert parse_recon_rows(rows) == (fields(LINE, tax=Money(0, "EUR"), total=Money("168.38", "EUR")),)


def test_rows_of_different_layouts_are_each_read_by_their_own_keys() -> None:
    upper = {key.upper(): value for key, value in ROW.items()}
    renamed = {**with_(ROW, ProductName=None), "skuName": "M365 BS"}
    assert parse_recon_rows([ROW, upper, renamed, ROW]) == (LINE, LINE, fields(LINE, product="M365 BS"), LINE)


def test_a_one_day_charge_ends_on_the_day_it_starts() -> None:
    row = with_(ROW, ChargeEndDate="2022-03-08")
    assert parse_recon_rows([row]) == (fields(LINE, charge_end=dt.date(2022, 3, 8)),)


def test_an_empty_file_has_no_lines() -> None:
    assert parse_recon_rows("") == ()
    assert parse_recon_rows([]) == ()
    assert parse_recon_rows(csv_text([])) == ()


def test_blank_csv_lines_are_skipped() -> None:
    text = csv_text([ROW, ROW])
    header, first, second = text.splitlines()
    assert parse_recon_rows(f"{header}\n\n{first}\n\n{second}\n") == (LINE, LINE)


def test_a_csv_file_with_a_byte_order_mark_and_spaced_header_is_read() -> None:
    text = csv_text([ROW])
    header, body = text.split("\n", 1)
    spaced = ", ".join(name.lower() for name in header.split(","))
    assert parse_recon_rows(("\ufeff" + spaced + "\n" + body).encode()) == (LINE,)


# -- refusing rows -------------------------------------------------------------------------------------


@pytest.mark.parametrize("column", REQUIRED)
def test_a_row_mapping_with_a_blank_required_column_is_refused_naming_row_and_column(column: str) -> None:
    error = refused([ROW, with_(ROW, **{column: "  "})])
    assert (error.field, error.value, error.code) == (
        f"rows[1].{column}",
        "  ",
        ErrorCode.MISSING,
    )


@pytest.mark.parametrize("column", REQUIRED)
def test_a_row_mapping_without_a_required_column_is_refused_naming_row_and_column(column: str) -> None:
    error = refused([with_(ROW, **{column: None})])
    assert (error.field, error.value, error.code) == (
        f"rows[0].{column}",
        None,
        ErrorCode.MISSING,
    )


def test_a_row_mapping_with_a_blank_product_name_is_refused_naming_it() -> None:
    error = refused([ROW, with_(ROW, ProductName=" ")])
    assert (error.field, error.value, error.code) == (
        "rows[1].ProductName",
        " ",
        ErrorCode.MISSING,
    )


def test_a_row_mapping_without_any_quantity_is_refused_naming_the_billable_quantity() -> None:
    error = refused([with_(ROW, BillableQuantity="", Quantity=" ")])
    assert (error.field, error.value, error.code) == (
        "rows[0].BillableQuantity",
        " ",
        ErrorCode.MISSING,
    )


def test_a_row_that_is_not_a_mapping_is_refused_naming_it() -> None:
    error = refused([ROW, 5])
    assert (error.field, error.value, error.code) == (
        "rows[1]",
        5,
        ErrorCode.WRONG_TYPE,
    )


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("Subtotal", "n/a", ErrorCode.NOT_A_NUMBER),
        ("TaxTotal", "n/a", ErrorCode.NOT_A_NUMBER),
        ("Total", "n/a", ErrorCode.NOT_A_NUMBER),
        ("UnitPrice", "n/a", ErrorCode.NOT_A_NUMBER),
        ("EffectiveUnitPrice", "n/a", ErrorCode.NOT_A_NUMBER),
        ("BillableQuantity", "n/a", ErrorCode.NOT_A_NUMBER),
        ("OrderDate", "soon", ErrorCode.MALFORMED),
        ("ChargeStartDate", "soon", ErrorCode.MALFORMED),
        ("ChargeEndDate", "soon", ErrorCode.MALFORMED),
        ("SubscriptionStartDate", "soon", ErrorCode.MALFORMED),
        ("SubscriptionEndDate", "soon", ErrorCode.MALFORMED),
        ("Currency", "EURO", ErrorCode.UNKNOWN_VALUE),
        ("ProductQualifiers", "[AddOn", ErrorCode.MALFORMED),
        ("ProductName", "x" * 2001, ErrorCode.TOO_LONG),
    ],
)
def test_a_malformed_cell_is_refused_naming_row_and_column(column: str, value: str, code: ErrorCode) -> None:
    for rows in ([ROW, with_(ROW, **{column: value})], csv_text([ROW, with_(ROW, **{column: value})])):
        error = refused(rows)
        assert (error.field, error.value) == (f"rows[{1 if isinstance(rows, list) else 2}].{column}", value)
        assert error.code == code


def test_a_cell_of_an_unknown_charge_type_is_refused_naming_row_and_column() -> None:
    error = refused([with_(ROW, ChargeType="teleport")])
    assert (error.field, error.code) == ("rows[0].ChargeType", ErrorCode.UNKNOWN_VALUE)


@pytest.mark.parametrize(
    "column",
    ["ProductName", "SubscriptionId", "CustomerId", "ReferenceId", "TermAndBillingCycle", "BillingFrequency"],
)
@pytest.mark.parametrize("value", [True, 1.5, ["x"]])
def test_a_text_cell_of_another_type_is_refused_naming_row_and_column(column: str, value: object) -> None:
    error = refused([{**ROW, column: value}])
    assert (error.field, error.value, error.code) == (
        f"rows[0].{column}",
        value,
        ErrorCode.WRONG_TYPE,
    )


@pytest.mark.parametrize("column", ["UnitPrice", "Subtotal", "BillableQuantity"])
def test_a_float_amount_is_refused_naming_row_and_column(column: str) -> None:
    error = refused([{**ROW, column: 1.5}])
    assert (error.field, error.code) == (
        f"rows[0].{column}",
        ErrorCode.WRONG_TYPE,
    )


def test_a_total_that_is_not_subtotal_plus_tax_is_refused_naming_row_and_column() -> None:
    for rows in ([with_(ROW, Total="185.23")], csv_text([with_(ROW, Total="185.23")])):
        error = refused(rows)
        assert (error.value, error.code) == (Decimal("185.23"), ErrorCode.INCONSISTENT)
        assert error.field in {"rows[0].Total", "rows[1].Total"}


def test_a_charge_that_ends_before_it_starts_is_refused_naming_row_and_column() -> None:
    error = refused([ROW, with_(ROW, ChargeEndDate="2022-03-07")])
    assert (error.field, error.value, error.code) == (
        "rows[1].ChargeEndDate",
        dt.date(2022, 3, 7),
        ErrorCode.INCONSISTENT,
    )


def test_a_header_without_required_columns_is_refused_listing_them() -> None:
    header = ("OrderDate", "ChargeType", "Subtotal", "Currency", "Quantity2")
    error = refused(",".join(header) + "\n")
    assert (error.field, error.value, error.code) == (
        "header",
        header,
        ErrorCode.MISSING,
    )


def test_a_header_with_a_quantity_column_needs_no_billable_quantity_column() -> None:
    columns = tuple(column for column in RECON_COLUMNS if column != "BillableQuantity")
    assert parse_recon_rows(csv_text([ROW], columns)) == (fields(LINE, quantity=Decimal(16)),)


def test_a_csv_row_with_fewer_cells_than_the_header_is_refused_naming_it() -> None:
    text = csv_text([ROW]) + "a,b,c\n"
    error = refused(text)
    assert (error.field, error.value, error.code) == (
        "rows[2]",
        ["a", "b", "c"],
        ErrorCode.MALFORMED,
    )


def test_malformed_csv_is_refused_without_echoing_the_text() -> None:
    error = refused('OrderDate,"Charge\nType\n"x"y,z\n')
    assert (error.field, error.value) == ("csv", None)
    assert error.code == ErrorCode.MALFORMED
    assert "(got" not in str(error)  # the CSV text is not echoed


def test_lines_given_as_bytes_are_refused_with_advice() -> None:
    first = b"OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice\n"
    error = refused(iter([first]))
    assert (error.field, error.value, error.code) == (
        "rows",
        first[:40],
        ErrorCode.WRONG_TYPE,
    )


def test_an_iterable_that_fails_is_refused_naming_the_failure_without_its_text() -> None:
    class Failing:
        def __iter__(self) -> Failing:
            return self

        def __next__(self) -> str:
            message = "disk gone"
            raise OSError(message)

    error = refused(Failing())
    assert (error.field, error.value, error.code) == ("rows", None, ErrorCode.IO_FAILED)


def test_a_cspcore_error_from_the_iterable_passes_through_unchanged() -> None:
    original = InvalidInput("upstream", "bad", 1)

    class Failing:
        def __iter__(self) -> Failing:
            return self

        def __next__(self) -> str:
            raise original

    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(Failing())
    assert caught.value is original


def test_text_that_is_not_utf8_is_refused_naming_the_byte() -> None:
    error = refused(b"OrderDate\n\xff")
    assert (error.field, error.code) == ("rows", ErrorCode.MALFORMED)


def test_rows_are_read_lazily_so_errors_surface_while_iterating() -> None:
    rows: list[Any] = [ROW, 5]
    lines = iter_recon_rows(rows)
    assert next(lines) == LINE
    with raises_invalid(field="rows[1]", code=ErrorCode.WRONG_TYPE):
        next(lines)


# -- writing rows --------------------------------------------------------------------------------------


def test_a_line_is_written_as_a_row_of_every_column_in_microsofts_order() -> None:
    (row,) = to_recon_rows([LINE])
    assert list(row) == list(RECON_COLUMNS)
    assert row == {
        **ROW,
        "Currency": "EUR",
        "Quantity": "15",
        "ProductQualifiers": '["AddOn","Trial"]',
        # priced in its billing currency: the exchange columns are blank
        "PricingCurrency": "",
        "PCToBCExchangeRate": "",
        "PCToBCExchangeRateDate": "",
    }


def test_a_line_without_optional_fields_is_written_with_blanks() -> None:
    (row,) = to_recon_rows([BARE])
    assert row == {
        **ROW,
        "Currency": "EUR",
        "Quantity": "15",
        "TaxTotal": "0",
        "Total": "168.38",
        "CustomerId": "",
        "TermAndBillingCycle": "",
        "BillingFrequency": "",
        "SubscriptionStartDate": "",
        "SubscriptionEndDate": "",
        "ReferenceId": "",
        "ProductQualifiers": "",
        "PricingCurrency": "",
        "PCToBCExchangeRate": "",
        "PCToBCExchangeRateDate": "",
    }


def test_amounts_are_written_in_plain_notation_with_every_digit() -> None:
    tiny = fields(
        LINE,
        unit_price=Money("1E+1", "EUR"),
        effective_unit_price=Money("0.0000001", "EUR"),
        quantity=Decimal("0.000882"),
        subtotal=Money("-0.50", "EUR"),
        tax=Money("0.00", "EUR"),
        total=Money("-0.50", "EUR"),
    )
    (row,) = to_recon_rows([tiny])
    amounts = (
        "UnitPrice",
        "EffectiveUnitPrice",
        "Quantity",
        "BillableQuantity",
        "Subtotal",
        "TaxTotal",
        "Total",
    )
    written = {column: row[column] for column in amounts}
    assert written == {
        "UnitPrice": "10",
        "EffectiveUnitPrice": "0.0000001",
        "Quantity": "0.000882",
        "BillableQuantity": "0.000882",
        "Subtotal": "-0.50",
        "TaxTotal": "0.00",
        "Total": "-0.50",
    }


def test_qualifiers_are_written_as_compact_json_keeping_non_ascii_text() -> None:
    (row,) = to_recon_rows([fields(LINE, qualifiers=("Zkušební", "Add,On"))])
    assert row["ProductQualifiers"] == '["Zkušební","Add,On"]'


def test_written_rows_read_back_to_equal_lines_as_mappings_and_as_csv() -> None:
    lines = [
        LINE,
        BARE,
        fields(LINE, qualifiers=("Zkušební", "Add,On"), charge_type=ChargeType.CANCEL_IMMEDIATE),
    ]
    rows = list(to_recon_rows(lines))
    assert parse_recon_rows(rows) == tuple(lines)
    assert parse_recon_rows(csv_text(rows)) == tuple(lines)


def test_writing_refuses_an_item_that_is_not_a_charge_line_naming_its_index() -> None:
    with pytest.raises(InvalidInput) as caught:
        list(to_recon_rows([LINE, ROW]))  # type: ignore[list-item]
    assert (caught.value.field, caught.value.value) == ("lines[1]", ROW)
    assert caught.value.code == ErrorCode.WRONG_TYPE


def test_writing_is_lazy() -> None:
    items: list[Any] = [LINE, "not a line"]
    rows = to_recon_rows(iter(items))
    assert next(rows)["Total"] == "185.22"
    with raises_invalid(field="lines[1]", code=ErrorCode.WRONG_TYPE):
        next(rows)


def test_a_csv_row_short_of_only_its_last_cell_is_refused_naming_it() -> None:
    columns = RECON_COLUMNS[: RECON_COLUMNS.index("ProductQualifiers")]  # ends with ReferenceId, no quotes
    header, first = csv_text([ROW], columns).splitlines()
    short = first.rsplit(",", 1)[0]
    error = refused(f"{header}\n{first}\n{short}\n")
    width = len(columns)
    assert (error.field, error.value, error.code) == ("rows[2]", short.split(","), ErrorCode.MALFORMED)
    assert len(short.split(",")) == width - 1


def test_lines_of_a_file_opened_without_utf8_sig_keep_a_byte_order_mark_that_is_ignored() -> None:
    columns = tuple(column for column in RECON_COLUMNS if column != "Quantity")
    header, first = csv_text([ROW], columns).splitlines()
    assert parse_recon_rows(iter([f"\ufeff{header}\n", f"{first}\n"])) == (LINE,)


def test_a_refused_header_of_a_full_file_shows_its_first_fifty_columns() -> None:
    others = tuple(f"Column{number}" for number in range(60))
    error = refused(",".join((*others, *REQUIRED[1:], "ProductName", "BillableQuantity")) + "\n")
    assert (error.field, error.value) == ("header", others[:50])
    assert error.code == ErrorCode.MISSING


def test_a_row_in_a_second_currency_is_refused_not_read_with_the_first_rows_figures() -> None:
    # A reconciliation file is one invoice's, in the partner's one billing currency: a row in USD
    # after rows in EUR (with equal figures, which the readers' caches must not confuse) is refused.
    dollars = with_(ROW, Currency="USD")
    with raises_invalid(
        field="rows[1].Currency", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as one:
        parse_recon_rows([ROW, dollars, ROW])
    assert isinstance(one.value, CurrencyMismatch)
    assert (one.value.left, one.value.right) == ("EUR", "USD")
    partial = tuple(column for column in ROW if column != "Quantity")
    for columns in (tuple(ROW), partial):
        with raises_invalid(
            field="rows[2].Currency", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
        ):
            parse_recon_rows(csv_text([ROW, dollars, ROW], columns))


def test_repeated_cells_on_later_rows_are_read_as_on_the_first() -> None:
    second = with_(ROW, SubscriptionId="s-2", OrderDate="2022-03-09", ChargeStartDate="2022-03-09")
    second_line = fields(
        LINE, subscription_id="s-2", order_date=dt.date(2022, 3, 9), charge_start=dt.date(2022, 3, 9)
    )
    rows = [ROW, second, ROW, second]
    assert parse_recon_rows(rows) == (LINE, second_line, LINE, second_line)
    partial = tuple(column for column in ROW if column != "Quantity")
    assert parse_recon_rows(csv_text(rows, partial)) == (LINE, second_line, LINE, second_line)


@pytest.mark.parametrize("column", ["OrderDate", "ChargeStartDate", "ChargeEndDate", "SubscriptionStartDate"])
@pytest.mark.parametrize("value", [20220307, [2022, 3, 7]])
def test_a_date_cell_of_another_type_is_refused_naming_row_and_column(column: str, value: object) -> None:
    error = refused([ROW, {**ROW, column: value}])
    assert (error.field, error.value, error.code) == (
        f"rows[1].{column}",
        value,
        ErrorCode.WRONG_TYPE,
    )


@pytest.mark.parametrize("column", ["UnitPrice", "EffectiveUnitPrice", "Subtotal", "TaxTotal", "Total"])
@pytest.mark.parametrize("value", [[12], True])
def test_an_amount_cell_of_another_type_is_refused_naming_row_and_column(column: str, value: object) -> None:
    error = refused([ROW, {**ROW, column: value}])
    assert (error.field, error.value, error.code) == (
        f"rows[1].{column}",
        value,
        ErrorCode.WRONG_TYPE,
    )


@pytest.mark.parametrize("value", [["new"], 5])
def test_a_charge_type_cell_of_another_type_is_refused_naming_row_and_column(value: object) -> None:
    error = refused([ROW, {**ROW, "ChargeType": value}])
    assert (error.field, error.value, error.code) == (
        "rows[1].ChargeType",
        value,
        ErrorCode.UNKNOWN_VALUE,
    )


def test_charge_type_members_in_row_mappings_are_taken_as_they_are() -> None:
    assert parse_recon_rows([{**ROW, "ChargeType": ChargeType.ADD_QUANTITY}]) == (LINE,)
