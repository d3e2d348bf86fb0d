"""Currency facts come from cspcore's own ISO 4217 table, whatever babel version is installed."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel.core import get_global
from babel.numbers import get_currency_precision

from cspcore import InvalidInput, Money
from cspcore._iso4217 import CASH_INCREMENTS, CLDR_VERSION, ISO4217_PUBLISHED, MINOR_UNITS, NO_MINOR_UNIT
from cspcore.i18n import format_money
from cspcore.money import cash_increment, is_currency, minor_units

if TYPE_CHECKING:
    from collections.abc import Callable

TABLE = Path(__file__).parents[3] / "src" / "cspcore" / "_iso4217.py"


def test_the_pinned_facts() -> None:
    assert (minor_units("HUF"), minor_units("JPY"), minor_units("KWD"), minor_units("EUR")) == (2, 0, 3, 2)
    assert (minor_units("CLF"), minor_units("IQD")) == (4, 3)
    assert cash_increment("CHF") == Decimal("0.05")
    assert cash_increment("DKK") == Decimal("0.50")
    assert cash_increment("HUF") == Decimal(5)
    assert cash_increment("EUR") is None


def test_hungarian_forint_rounds_to_hundredths_as_iso_4217_says() -> None:
    assert Money("1234.5", "HUF").round() == Money("1234.50", "HUF")
    assert str(Money("1234.567", "HUF").round()) == "1234.57 HUF"
    assert Money("1234.56", "HUF").to_minor_units() == 123456
    assert Money("1232.40", "HUF").round(cash=True) == Money("1230", "HUF")


@pytest.mark.parametrize("code", sorted(NO_MINOR_UNIT))
def test_codes_without_a_minor_unit_are_not_currencies(code: str) -> None:
    assert not is_currency(code)
    with pytest.raises(InvalidInput) as caught:
        Money("1", code)
    assert caught.value.field == "currency"
    assert caught.value.value == code


@pytest.mark.parametrize("code", ["DEM", "HRK", "VEF", "XYZ"])
def test_withdrawn_and_unknown_codes_are_refused(code: str) -> None:
    assert not is_currency(code)
    with pytest.raises(InvalidInput) as caught:
        minor_units(code)
    assert caught.value.field == "currency"


def test_the_table_covers_the_active_codes_and_nothing_else() -> None:
    assert len(MINOR_UNITS) > 150
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in MINOR_UNITS)
    assert set(MINOR_UNITS.values()) <= {0, 2, 3, 4}
    assert not NO_MINOR_UNIT & MINOR_UNITS.keys()
    assert {"XAU", "XDR", "XTS", "XXX"} <= NO_MINOR_UNIT
    assert all(is_currency(code) for code in MINOR_UNITS)


@pytest.mark.parametrize(("code", "step"), sorted(CASH_INCREMENTS.items()))
def test_each_cash_increment_is_a_whole_number_of_minor_units_that_divides_exactly(
    code: str, step: Decimal
) -> None:
    units = step.scaleb(MINOR_UNITS[code])
    assert units > 1
    assert units == units.to_integral_value()
    # a coefficient of 2s and 5s only: amount / step always ends, so cash rounding is exact
    coefficient = int(units)
    for prime in (2, 5):
        while coefficient % prime == 0:
            coefficient //= prime
    assert coefficient == 1


def test_the_table_names_its_sources_and_versions() -> None:
    header = TABLE.read_text("utf-8").split('"""', 2)[1]
    assert "tools/iso4217.py" in header
    assert f"published {ISO4217_PUBLISHED}" in header
    assert f"CLDR {CLDR_VERSION}" in header
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", ISO4217_PUBLISHED)


def _babel_cash_increment(code: str) -> Decimal | None:
    fractions = get_global("currency_fractions")
    _digits, _rounding, cash_digits, cash_rounding = fractions.get(code, fractions["DEFAULT"])
    step = Decimal(cash_rounding or 1).scaleb(-cash_digits)
    return step if step > Decimal(1).scaleb(-MINOR_UNITS[code]) and code in fractions else None


def test_report_where_the_installed_babel_disagrees_with_the_table(
    record_property: Callable[[str, object], None], capsys: pytest.CaptureFixture[str]
) -> None:
    """Information, not a failure: babel's CLDR may differ; cspcore's results follow the table."""
    digits = {
        code: (MINOR_UNITS[code], get_currency_precision(code))
        for code in MINOR_UNITS
        if get_currency_precision(code) != MINOR_UNITS[code]
    }
    cash = {
        code: (str(CASH_INCREMENTS.get(code)), str(_babel_cash_increment(code)))
        for code in MINOR_UNITS
        if CASH_INCREMENTS.get(code) != _babel_cash_increment(code)
    }
    record_property("minor_units_table_vs_babel", digits)
    record_property("cash_increments_table_vs_babel", cash)
    with capsys.disabled():
        print(f"\nminor units (table, babel) where they differ: {digits}")  # noqa: T201
        print(f"cash increments (table, babel) where they differ: {cash}")  # noqa: T201
    # Whatever babel says, the amounts cspcore shows have the table's decimals.
    for code, (table_digits, _babel_digits) in digits.items():
        text = format_money(Money(1, code), locale="en_US")
        decimals = text.rsplit(".", 1)[1] if "." in text else ""
        assert len(re.sub(r"\D", "", decimals)) == table_digits, (code, text)
