"""The strict payload readers value by value: what each accepts, and each refusal's field, value and message.

The readers of :mod:`cspcore.interop._payload` sit behind every Partner Center parser
(``parse_invoice``, ``parse_invoice_line_items``, ``parse_recon_rows``); a refusal must name the
item and field, show the offending value (or, for text too large or unreadable to show, its size)
and say what was expected.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import Any

import pytest

from cspcore import ErrorCode, InvalidInput
from cspcore.interop import parse_invoice
from cspcore.interop._payload import (
    currency,
    date_field,
    date_value,
    items_of,
    load_json,
    lookup,
    mapping,
    number,
    qualifiers,
    text,
    to_decimal,
)


def refusal(error: pytest.ExceptionInfo[InvalidInput]) -> tuple[str, object, ErrorCode]:
    """The field, value and code of a caught refusal."""
    return error.value.field, error.value.value, error.value.code


# -- load_json: text and bytes ---------------------------------------------------------------------


def test_bytes_that_are_not_utf8_are_refused_by_byte_offset_without_echoing_them() -> None:
    payload = b'{"name": "caf\xe9"}'
    with pytest.raises(InvalidInput) as caught:
        load_json(payload, "invoice")
    assert refusal(caught) == ("invoice", payload, ErrorCode.MALFORMED)


def test_unreadable_bytes_keep_only_their_first_forty_bytes_as_the_value() -> None:
    payload = b"\xff" + b"x" * 59
    with pytest.raises(InvalidInput) as caught:
        load_json(memoryview(payload))
    assert refusal(caught) == ("payload", b"\xff" + b"x" * 39, ErrorCode.MALFORMED)
    assert type(caught.value.value) is bytes


def test_bytes_with_a_byte_order_mark_are_decoded_without_it() -> None:
    assert load_json(bytearray(b'\xef\xbb\xbf{"id": "G1"}')) == {"id": "G1"}
    assert load_json(b'{"total": 2076.63}') == {"total": Decimal("2076.63")}


def test_text_with_a_byte_order_mark_is_decoded_without_it() -> None:
    assert load_json('\ufeff["a"]') == ["a"]


def test_decoded_mappings_and_lists_are_returned_as_they_are() -> None:
    document: dict[str, Any] = {"items": []}
    rows = [{"a": 1}]
    pair = ({"a": 1},)
    assert load_json(document) is document
    assert load_json(rows) is rows
    assert load_json(pair) is pair


@pytest.mark.parametrize("payload", [42, None, Decimal("1.5"), 1.5])
def test_values_that_are_neither_json_text_nor_decoded_json_are_refused_with_the_value(
    payload: object,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_json(payload, "body")
    assert refusal(caught) == (
        "body",
        payload,
        ErrorCode.WRONG_TYPE,
    )


def test_broken_json_near_the_start_shows_the_text_from_its_first_character() -> None:
    with pytest.raises(InvalidInput) as caught:
        load_json('{"a": 1,}', "body")
    assert refusal(caught) == (
        "body",
        '{"a": 1,}',
        ErrorCode.MALFORMED,
    )


def test_broken_json_shows_twenty_characters_either_side_of_the_error() -> None:
    document = "[" + "1, " * 20 + "oops" + ", 2" * 20 + "]"
    # 20 characters before "oops" and 20 from it on: the window of the message.
    window = ", 1, 1, 1, 1, 1, 1, oops, 2, 2, 2, 2, 2,"
    assert len(window) == 40
    with pytest.raises(InvalidInput) as caught:
        load_json(document)
    assert refusal(caught) == (
        "payload",
        window,
        ErrorCode.MALFORMED,
    )


def test_json_nested_too_deeply_is_refused_with_its_length_but_not_its_text() -> None:
    document = "[" * 100_000 + "]" * 100_000
    with pytest.raises(InvalidInput) as caught:
        load_json(document, "body")
    assert refusal(caught) == ("body", 200_000, ErrorCode.TOO_LONG)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_that_are_not_numbers_are_refused_by_name(constant: str) -> None:
    document = '{"a": ' + constant + "}"
    with pytest.raises(InvalidInput) as caught:
        load_json(document, "body")
    assert refusal(caught) == (
        "body",
        len(document),
        ErrorCode.NOT_FINITE,
    )


def test_an_integer_too_long_to_convert_is_refused_with_the_length_of_the_text() -> None:
    document = '{"a": ' + "9" * 5000 + "}"
    with pytest.raises(InvalidInput) as caught:
        load_json(document, "body")
    assert refusal(caught) == ("body", 5007, ErrorCode.TOO_MANY_DIGITS)


# -- items_of and mapping ----------------------------------------------------------------------------


def test_a_bare_list_or_tuple_is_its_own_items() -> None:
    rows = [{"a": 1}]
    pair = ({"a": 1},)
    assert items_of(rows) is rows
    assert items_of(pair) is pair


def test_the_items_of_a_collection_are_found_in_any_case() -> None:
    assert items_of({"Items": [{"id": "G1"}], "totalCount": 1}) == [{"id": "G1"}]
    assert items_of({"items": ({"id": "G1"},)}) == ({"id": "G1"},)


def test_a_collection_without_items_is_refused_naming_the_items_key() -> None:
    with pytest.raises(InvalidInput) as caught:
        items_of({"totalCount": 0}, "invoices")
    assert refusal(caught) == ("invoices.items", None, ErrorCode.MISSING)


def test_items_that_are_not_a_list_are_refused_with_their_value() -> None:
    with pytest.raises(InvalidInput) as caught:
        items_of({"items": "G1"})
    assert refusal(caught) == ("payload.items", "G1", ErrorCode.WRONG_TYPE)


def test_a_document_that_is_not_a_collection_is_refused_with_its_value() -> None:
    with pytest.raises(InvalidInput) as caught:
        items_of("G1", "invoices")
    assert refusal(caught) == (
        "invoices",
        "G1",
        ErrorCode.WRONG_TYPE,
    )


def test_a_json_object_passes_and_anything_else_is_refused_with_its_value() -> None:
    item = {"id": "G1"}
    assert mapping(item, "items[0]") is item
    with pytest.raises(InvalidInput) as caught:
        mapping(["G1"], "items[3]")
    assert refusal(caught) == ("items[3]", ["G1"], ErrorCode.WRONG_TYPE)


# -- lookup ----------------------------------------------------------------------------------------------


def test_a_key_is_found_in_any_case() -> None:
    assert lookup({"TotalCharges": "10"}, "totalCharges", "invoice") == "10"
    assert lookup({"TOTALCHARGES": "10"}, "totalCharges", "invoice") == "10"


def test_the_exactly_spelt_key_wins_over_another_spelling_found_first() -> None:
    assert lookup({"Total": "1", "total": "2"}, "total", "line") == "2"
    assert lookup({"total": "2", "Total": "1"}, "Total", "line") == "1"


@pytest.mark.parametrize("value", [None, "", "  \t"])
def test_blank_and_null_values_are_absent(value: object) -> None:
    assert lookup({"tax": value}, "tax", "line", required=False) is None
    with pytest.raises(InvalidInput) as caught:
        lookup({"tax": value}, "tax", "items[2]")
    assert refusal(caught) == ("items[2].tax", value, ErrorCode.MISSING)


def test_a_missing_key_is_required_unless_optional() -> None:
    assert lookup({}, "tax", "line", required=False) is None
    with pytest.raises(InvalidInput) as caught:
        lookup({}, "tax", "line")
    assert refusal(caught) == ("line.tax", None, ErrorCode.MISSING)


def test_falsy_values_that_are_not_blank_are_present() -> None:
    assert lookup({"tax": 0}, "tax", "line") == 0
    assert lookup({"tags": []}, "tags", "line") == []
    assert lookup({"flag": False}, "flag", "line") is False


# -- text ------------------------------------------------------------------------------------------------


def test_text_is_stripped_and_numbers_are_read_as_text() -> None:
    item = {"name": "  Microsoft 365 E3 ", "mpnId": 4391507, "code": Decimal("1.50")}
    assert text(item, "name", "line") == "Microsoft 365 E3"
    assert text(item, "mpnId", "line") == "4391507"
    assert text(item, "code", "line") == "1.50"
    assert text(item, "missing", "line", required=False) is None


@pytest.mark.parametrize("value", [True, False, 3.5, ["x"], {"a": 1}])
def test_values_that_are_not_text_are_refused_with_the_value(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        text({"name": value}, "name", "items[1]")
    assert refusal(caught) == ("items[1].name", value, ErrorCode.WRONG_TYPE)


def test_text_may_be_two_thousand_characters_long_but_not_one_more() -> None:
    assert text({"name": "x" * 2000}, "name", "line") == "x" * 2000
    with pytest.raises(InvalidInput) as caught:
        text({"name": "x" * 2001}, "name", "line")
    assert refusal(caught) == (
        "line.name",
        "x" * 2001,
        ErrorCode.TOO_LONG,
    )


def test_the_length_limit_counts_the_stripped_text() -> None:
    assert text({"name": "  " + "x" * 2000 + "  "}, "name", "line") == "x" * 2000


def test_a_missing_required_text_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        text({}, "name", "line")
    assert refusal(caught) == ("line.name", None, ErrorCode.MISSING)


# -- numbers ------------------------------------------------------------------------------------------


def test_numbers_are_read_exactly_from_json_numbers_and_strings() -> None:
    item = {"a": Decimal("2076.63"), "b": " 1.50 ", "c": 4, "d": "-0.00"}
    assert str(number(item, "a", "line")) == "2076.63"
    assert str(number(item, "b", "line")) == "1.50"
    assert number(item, "c", "line") == Decimal(4)
    assert str(number(item, "d", "line")) == "-0.00"
    assert number(item, "e", "line", required=False) is None


def test_a_missing_required_number_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        number({"a": " "}, "a", "items[0]")
    assert refusal(caught) == ("items[0].a", " ", ErrorCode.MISSING)


def test_a_number_that_does_not_read_is_refused_with_the_field_path() -> None:
    with pytest.raises(InvalidInput) as caught:
        number({"subtotal": "7x"}, "subtotal", "items[0]")
    assert refusal(caught) == (
        "items[0].subtotal",
        "7x",
        ErrorCode.NOT_A_NUMBER,
    )


def test_floats_are_refused_with_the_way_to_read_json_exactly() -> None:
    with pytest.raises(InvalidInput) as caught:
        to_decimal(0.1, "unitPrice")
    assert refusal(caught) == (
        "unitPrice",
        0.1,
        ErrorCode.WRONG_TYPE,
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (True, ErrorCode.WRONG_TYPE),
        ("NaN", ErrorCode.NOT_FINITE),
        (None, ErrorCode.WRONG_TYPE),
    ],
)
def test_other_values_that_are_not_finite_numbers_are_refused(value: object, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        to_decimal(value, "unitPrice")
    assert refusal(caught) == ("unitPrice", value, code)


def test_decimals_ints_and_numeric_strings_become_decimals() -> None:
    assert str(to_decimal(Decimal("36.000"), "p")) == "36.000"
    assert str(to_decimal(-12, "p")) == "-12"
    assert str(to_decimal("1E+2", "p")) == "1E+2"


# -- currency -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [("USD", "USD"), ("usd", "USD"), (" eur ", "EUR"), ("Jpy", "JPY")]
)
def test_currency_codes_are_read_in_any_case_and_without_spaces(value: str, expected: str) -> None:
    assert currency(value, "currency") == expected


@pytest.mark.parametrize("value", ["XYZ", "EURO", "", None])
def test_unknown_currency_codes_are_refused_with_the_value(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        currency(value, "items[0].currency")
    assert refusal(caught) == (
        "items[0].currency",
        value,
        ErrorCode.UNKNOWN_VALUE,
    )


@pytest.mark.parametrize("value", [978, True, 9.78, ["EUR"], {"code": "EUR"}])
def test_a_currency_that_is_not_text_is_refused_as_of_the_wrong_kind(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        currency(value, "items[0].currency")
    assert refusal(caught) == ("items[0].currency", value, ErrorCode.WRONG_TYPE)


# -- dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("  2024-02-29  ", dt.date(2024, 2, 29)),
        ("2024-02-29T23:59:59.9999999Z", dt.date(2024, 2, 29)),
        ("2024-02-29T23:59:59z", dt.date(2024, 2, 29)),
        ("2024-02-29T23:59:59", dt.date(2024, 2, 29)),
        ("2024-02-29 23:59", dt.date(2024, 2, 29)),
        ("2024-02-29T00:00:00+00:00", dt.date(2024, 2, 29)),
        # Offsets are converted to UTC: hours and minutes, with or without a colon, either sign.
        ("2024-02-29T23:30:00-01:00", dt.date(2024, 3, 1)),
        ("2024-02-29T22:59:59-01:00", dt.date(2024, 2, 29)),
        ("2024-02-29T23:00:00-01:00", dt.date(2024, 3, 1)),
        ("2024-03-01T00:30:00+0100", dt.date(2024, 2, 29)),
        ("2024-03-01T05:29:59+05:30", dt.date(2024, 2, 29)),
        ("2024-03-01T05:30:00+05:30", dt.date(2024, 3, 1)),
        ("2024-02-29T23:45-00:15", dt.date(2024, 3, 1)),
        ("2024-02-29T23:44:59-00:15", dt.date(2024, 2, 29)),
        ("2024-03-01T00:59:59.5+01:00", dt.date(2024, 2, 29)),
        ("2024-02-29T12:00:00-11:59", dt.date(2024, 2, 29)),
        ("2024-02-29T12:01:00-11:59", dt.date(2024, 3, 1)),
        ("2024-03-01T11:59:00+11:59", dt.date(2024, 3, 1)),
        ("2024-03-01T11:58:59+11:59", dt.date(2024, 2, 29)),
    ],
)
def test_iso_dates_and_date_times_are_read_as_utc_calendar_dates(value: str, expected: dt.date) -> None:
    assert date_value(value, "orderDate") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2/29/2024", dt.date(2024, 2, 29)),
        ("02/09/2024", dt.date(2024, 2, 9)),
        (" 6/20/2022 12:00:00 AM ", dt.date(2022, 6, 20)),
        ("6/20/2022 11:59:59 PM", dt.date(2022, 6, 20)),
        ("6/20/2022 1:05 pm", dt.date(2022, 6, 20)),
        ("6/20/2022 23:59", dt.date(2022, 6, 20)),
        ("6/20/2022 0:00:00", dt.date(2022, 6, 20)),
        ("6/20/2022 10:00", dt.date(2022, 6, 20)),
    ],
)
def test_us_dates_of_the_csv_downloads_are_read_as_their_calendar_dates(
    value: str, expected: dt.date
) -> None:
    assert date_value(value, "OrderDate") == expected


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-01-01T24:00:00Z",
        "2024-01-01T23:60:00Z",
        "2024-01-01T23:59:60Z",
        "2024-01-01T24:00",
        "2024-01-01T24:00:00+01:00",
        "2024-01-01T23:60:00+01:00",
        "2024-01-01T23:59:60+01:00",
        "2024-01-01T10:00:00+24:00",
        "9999-12-31T23:00:00-02:00",
        "0001-01-01T00:30:00+01:00",
        "13/45/2024",
        "2/30/2024",
        "6/20/2022 10:75:00",
        "6/20/2022 10:00:75",
    ],
)
def test_impossible_dates_and_times_are_refused_as_invalid_calendar_dates(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        date_value(value, "items[0].orderDate")
    assert refusal(caught) == (
        "items[0].orderDate",
        value,
        ErrorCode.MALFORMED,
    )


@pytest.mark.parametrize(
    "value",
    [
        "6/20/2022 24:00:00",
        "6/20/2022 25:00",
        "6/20/2022 99:00:00 AM",
        "6/20/2022 13:00:00 PM",
        "6/20/2022 0:00 AM",
    ],
)
def test_us_times_past_the_clock_are_refused_like_iso_ones(value: str) -> None:
    # A 24-hour clock stops at 23, a 12-hour one ("12:00:00 AM") runs from 1 to 12; these were once
    # read modulo 24, so "99:00" passed as a time.
    with pytest.raises(InvalidInput) as caught:
        date_value(value, "OrderDate")
    assert refusal(caught) == ("OrderDate", value, ErrorCode.MALFORMED)


@pytest.mark.parametrize("value", ["2024-01-01T10:00:00+01:60", "2024-01-01T10:00:00-0099"])
def test_offsets_with_sixty_minutes_or_more_are_refused(value: str) -> None:
    # These were once read as whole hours and more ("+01:60" as +02:00).
    with pytest.raises(InvalidInput) as caught:
        date_value(value, "orderDate")
    assert refusal(caught) == ("orderDate", value, ErrorCode.MALFORMED)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-02-29T23:00:00-00:59", dt.date(2024, 2, 29)), ("2024-02-29T23:01:00-00:59", dt.date(2024, 3, 1))],
)
def test_an_offset_of_fifty_nine_minutes_is_read(value: str, expected: dt.date) -> None:
    assert date_value(value, "orderDate") == expected


@pytest.mark.parametrize(
    "value", ["yesterday", "", "2024-1-1", "20240101", "2024-01-01T10", "2024-01-01T10:00 UTC", "1/1/24"]
)
def test_text_that_is_not_a_date_is_refused_with_an_example_of_one(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        date_value(value, "invoiceDate")
    assert refusal(caught) == (
        "invoiceDate",
        value,
        ErrorCode.MALFORMED,
    )


@pytest.mark.parametrize("value", [20240101, None, Decimal(2024), ["2024-01-01"]])
def test_values_that_are_neither_text_nor_dates_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        date_value(value, "invoiceDate")
    assert refusal(caught) == ("invoiceDate", value, ErrorCode.WRONG_TYPE)


def test_dates_pass_and_aware_date_times_give_their_utc_date() -> None:
    assert date_value(dt.date(2024, 2, 29), "d") == dt.date(2024, 2, 29)
    west = dt.timezone(dt.timedelta(hours=-2))
    assert date_value(dt.datetime(2024, 2, 29, 22, 0, tzinfo=west), "d") == dt.date(2024, 3, 1)
    assert date_value(dt.datetime(2024, 2, 29, 21, 59, tzinfo=west), "d") == dt.date(2024, 2, 29)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset to change the local time zone")
@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_utc_dates_do_not_depend_on_the_machine_time_zone(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)  # UTC+14 and UTC-11: the local date differs from the UTC date
    time.tzset()
    try:
        # 13:30 UTC is already March 1 at UTC+14; 05:30 UTC is still February 28 at UTC-11.
        afternoon = dt.datetime(2024, 2, 29, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1)))
        morning = dt.datetime(2024, 2, 29, 6, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        assert [date_value(moment, "d") for moment in (afternoon, morning)] == [dt.date(2024, 2, 29)] * 2
        assert [
            date_value(moment, "d") for moment in ("2024-02-29T12:30:00-01:00", "2024-02-29T06:30:00+01:00")
        ] == [dt.date(2024, 2, 29)] * 2
    finally:
        monkeypatch.undo()
        time.tzset()


def test_naive_date_times_are_refused() -> None:
    moment = dt.datetime(2024, 2, 29, 10, 0)  # noqa: DTZ001
    with pytest.raises(InvalidInput) as caught:
        date_value(moment, "d")
    assert refusal(caught) == (
        "d",
        moment,
        ErrorCode.NAIVE_DATETIME,
    )


def test_the_dotnet_minimum_date_means_none_only_where_a_date_is_optional() -> None:
    item = {"end": "0001-01-01T00:00:00", "start": "2024-02-29T00:00:00Z"}
    assert date_field(item, "end", "line", required=False) is None
    with pytest.raises(InvalidInput) as caught:  # a required date of no date is missing
        date_field(item, "end", "line")
    assert (caught.value.field, caught.value.code) == ("line.end", ErrorCode.MISSING)
    assert date_field(item, "start", "line", required=False) == dt.date(2024, 2, 29)
    assert date_field(item, "start", "line") == dt.date(2024, 2, 29)
    assert date_field({}, "end", "line", required=False) is None
    assert date_field({"end": "0001-01-02"}, "end", "line", required=False) == dt.date(1, 1, 2)


def test_date_fields_name_the_item_and_field_when_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        date_field({"Start": "soon"}, "start", "items[4]")
    assert refusal(caught) == (
        "items[4].start",
        "soon",
        ErrorCode.MALFORMED,
    )
    with pytest.raises(InvalidInput) as caught:
        date_field({}, "start", "items[4]")
    assert refusal(caught) == ("items[4].start", None, ErrorCode.MISSING)


# -- qualifiers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ()),
        ("", ()),
        ("   ", ()),
        ('["AddOn","Trial"]', ("AddOn", "Trial")),
        ('  [" AddOn ", "Trial"] ', ("AddOn", "Trial")),
        ("[]", ()),
        ("AddOn, Trial", ("AddOn", "Trial")),
        ("AddOn,, ,Trial,", ("AddOn", "Trial")),
        ("Trial", ("Trial",)),
        (["Trial", " AddOn "], ("Trial", "AddOn")),
        (("Trial",), ("Trial",)),
        ([], ()),
    ],
)
def test_qualifiers_are_read_from_json_lists_their_text_and_comma_text(
    value: object, expected: tuple[str, ...]
) -> None:
    assert qualifiers(value, "ProductQualifiers") == expected


@pytest.mark.parametrize("value", ["[oops", '["AddOn"', '["AddOn"] extra'])
def test_qualifier_text_that_looks_like_json_but_is_not_is_refused(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        qualifiers(value, "items[0].ProductQualifiers")
    assert refusal(caught) == (
        "items[0].ProductQualifiers",
        value,
        ErrorCode.MALFORMED,
    )


@pytest.mark.parametrize(
    ("value", "index", "part", "code"),
    [
        (["AddOn", 5], 1, 5, ErrorCode.WRONG_TYPE),
        (["AddOn", "Trial", " "], 2, " ", ErrorCode.EMPTY),
        ([None], 0, None, ErrorCode.WRONG_TYPE),
        ('["AddOn", 5]', 1, 5, ErrorCode.WRONG_TYPE),
        ('["AddOn", ""]', 1, "", ErrorCode.EMPTY),
    ],
)
def test_each_qualifier_must_be_text_and_is_named_by_its_index(
    value: object, index: int, part: object, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        qualifiers(value, "q")
    assert refusal(caught) == (f"q[{index}]", part, code)


@pytest.mark.parametrize("value", [5, {"AddOn": True}, b'{"a": 1}', b'"AddOn"'])
def test_qualifiers_that_are_not_a_list_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        qualifiers(value, "q")
    assert refusal(caught) == ("q", value, ErrorCode.WRONG_TYPE)


def test_a_list_inside_the_qualifier_list_is_refused_by_its_index() -> None:
    with pytest.raises(InvalidInput) as caught:
        qualifiers('[["AddOn"]]', "q")
    assert refusal(caught) == ("q[0]", ["AddOn"], ErrorCode.WRONG_TYPE)


# -- through a public parser -----------------------------------------------------------------------------


def test_a_public_parser_names_the_payload_when_given_something_that_is_not_json() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_invoice(42)  # type: ignore[arg-type]
    assert refusal(caught) == (
        "payload",
        42,
        ErrorCode.WRONG_TYPE,
    )


def test_a_public_parser_reads_an_invoice_whatever_the_case_of_its_keys() -> None:
    document: dict[str, Any] = {
        "ID": "G1",
        "InvoiceDate": "2024-02-08T00:00:00Z",
        "TOTALCHARGES": "10.00",
        "currencycode": "eur",
    }
    invoice = parse_invoice(document)
    assert (
        invoice.id,
        invoice.issued,
        str(invoice.total_charges.amount),
        invoice.total_charges.currency,
    ) == (
        "G1",
        dt.date(2024, 2, 8),
        "10.00",
        "EUR",
    )
