"""Each formatting function refuses a bad argument under that argument's name, with its code and value,
and accepts what its documentation promises (every date format, locales up to 64 characters, 0 to 10
percentage digits)."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.i18n import (
    format_amount,
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    format_percent,
    locale_of,
)

EUR = Money("1.50", "EUR")
DAY = dt.date(2024, 2, 29)
MOMENT = dt.datetime(2024, 2, 29, 13, 5, tzinfo=dt.UTC)
#: A well-formed identifier longer than any locale, one character past the bound.
TOO_LONG = "zz_" + "y" * 62


CALLS: list[tuple[Any, str, ErrorCode, object]] = [
    (lambda: format_money("1.50", locale="en_US"), "money", ErrorCode.WRONG_TYPE, "1.50"),  # type: ignore[arg-type]
    (lambda: format_money(EUR, locale=5), "locale", ErrorCode.WRONG_TYPE, 5),  # type: ignore[arg-type]
    (lambda: format_money(EUR, locale=TOO_LONG), "locale", ErrorCode.TOO_LONG, TOO_LONG),
    (
        lambda: format_money(EUR, locale="en_US", rounding="HALF_UP"),  # type: ignore[arg-type]
        "rounding",
        ErrorCode.WRONG_TYPE,
        "HALF_UP",
    ),
    (lambda: format_money(EUR, locale="cs_CZ", rounding=None), "rounding", ErrorCode.WRONG_TYPE, None),  # type: ignore[arg-type]
    (lambda: locale_of(TOO_LONG), "locale", ErrorCode.TOO_LONG, TOO_LONG),
    (lambda: format_date(DAY, locale=TOO_LONG), "locale", ErrorCode.TOO_LONG, TOO_LONG),
    (lambda: format_decimal(1.5, locale="en_US"), "number", ErrorCode.WRONG_TYPE, 1.5),  # type: ignore[arg-type]
    (
        lambda: format_decimal(Decimal(1), locale="en_US", min_decimals=5),
        "min_decimals",
        ErrorCode.OUT_OF_RANGE,
        5,
    ),
    (lambda: format_amount(Decimal(1), locale="en_US"), "money", ErrorCode.WRONG_TYPE, Decimal(1)),  # type: ignore[arg-type]
    (lambda: format_amount(EUR, locale="en_US", min_decimals=-1), "min_decimals", ErrorCode.OUT_OF_RANGE, -1),
    (lambda: format_amount(EUR, locale=TOO_LONG), "locale", ErrorCode.TOO_LONG, TOO_LONG),
    (lambda: format_percent("x", locale="en_US"), "number", ErrorCode.NOT_A_NUMBER, "x"),  # type: ignore[arg-type]
    (lambda: format_percent(Decimal(1), locale="en_US", digits=-1), "digits", ErrorCode.OUT_OF_RANGE, -1),
    (lambda: format_percent(Decimal(1), locale="en_US", digits=11), "digits", ErrorCode.OUT_OF_RANGE, 11),
    (lambda: format_percent(Decimal(1), locale="en_US", digits="2"), "digits", ErrorCode.WRONG_TYPE, "2"),  # type: ignore[arg-type]
    (lambda: format_date("2024-02-29", locale="en_US"), "day", ErrorCode.WRONG_TYPE, "2024-02-29"),  # type: ignore[arg-type]
    (
        lambda: format_datetime(MOMENT, locale="en_US", format="tiny"),  # type: ignore[arg-type]
        "format",
        ErrorCode.UNKNOWN_VALUE,
        "tiny",
    ),
]


@pytest.mark.parametrize(("call", "field", "code", "value"), CALLS)
def test_a_bad_argument_is_refused_under_its_name(
    call: Any, field: str, code: ErrorCode, value: object
) -> None:
    with raises_invalid(field=field, code=code) as caught:
        call()
    assert caught.value.value == value


def test_a_locale_of_64_characters_is_looked_up_not_refused_for_its_length() -> None:
    with raises_invalid(field="locale", code=ErrorCode.UNKNOWN_VALUE):
        locale_of(TOO_LONG[:64])


@pytest.mark.parametrize("format_name", ["short", "medium", "long", "full"])
def test_every_documented_date_format_is_accepted(format_name: Any) -> None:
    assert "29" in format_date(DAY, locale="en_US", format=format_name)
    assert "29" in format_datetime(MOMENT, locale="en_US", format=format_name)


def test_percentages_take_up_to_ten_digits_rounded_half_up() -> None:
    assert format_percent(Decimal("0.1565"), locale="en_US", digits=1) == "15.7%"
    assert format_percent(Decimal("0.1234567891234"), locale="en_US", digits=10) == "12.3456789123%"
    assert format_percent(Decimal("0.1565"), locale="cs_CZ", digits=1) == "15,7\xa0%"


def test_format_decimal_keeps_every_digit() -> None:
    assert format_decimal(Decimal("1234.567891"), locale="cs_CZ") == "1\xa0234,567891"


def test_amounts_spelled_out_follow_the_locale() -> None:
    assert format_money(Money("2", "USD"), locale="cs_CZ", format_type="name") == "2,00 amerického dolaru"


def test_the_ambient_decimal_context_changes_no_digit() -> None:
    def texts() -> tuple[str, ...]:
        return (
            format_percent(Decimal("0.1565"), locale="en_US", digits=1),
            format_money(EUR, locale="en_US"),
            format_money(Money("1234.5678", "USD"), locale="en_US", format_type="name"),
        )

    expected = texts()
    with decimal.localcontext(decimal.Context(prec=1, rounding=decimal.ROUND_DOWN)):
        assert texts() == expected
