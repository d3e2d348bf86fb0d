"""The public strategies draw what they promise (downstream suites rely on them)."""

from __future__ import annotations

from datetime import UTC, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given

from cspcore import CspError, InvalidInput, Money
from cspcore.currencies import is_currency
from cspcore.i18n import SUPPORTED_LOCALES, format_money
from cspcore.testing.dst import dst_changes, instants_near_dst_changes
from cspcore.testing.strategies import (
    adversarial_values,
    aware_datetimes,
    locales,
    money,
    nasty_dates,
    timezones,
)

if TYPE_CHECKING:
    import datetime as dt


@given(aware_datetimes())
def test_aware_datetimes_are_never_naive(moment: dt.datetime) -> None:
    assert moment.utcoffset() is not None
    assert moment.microsecond == 0


@given(timezones())
def test_timezones_are_zoneinfo(zone: ZoneInfo) -> None:
    assert isinstance(zone, ZoneInfo)


@given(nasty_dates())
def test_nasty_dates_sit_on_month_edges(day: dt.date) -> None:
    assert day.day in {1, 28, 29, 30, 31}


@given(money(), locales())
def test_every_drawn_amount_formats_in_every_locale(amount: Money, locale: str) -> None:
    assert locale in SUPPORTED_LOCALES
    assert format_money(amount, locale=locale)


@given(adversarial_values())
def test_money_refuses_adversarial_amounts_with_cspcore_errors_only(value: object) -> None:
    accepted = isinstance(value, (int, str, Decimal)) and not isinstance(value, bool)
    try:
        Money(value, "EUR")  # type: ignore[arg-type]
    except CspError as error:
        refused_as: type[CspError] | None = type(error)
    else:
        refused_as = None
    assert refused_as is None or issubclass(refused_as, InvalidInput)
    assert refused_as is not None or accepted


@given(adversarial_values())
def test_money_refuses_adversarial_currencies_with_cspcore_errors_only(value: object) -> None:
    assume(not is_currency(value))  # random text may spell a real code ("ETB")
    with pytest.raises(InvalidInput):
        Money("1", value)  # type: ignore[arg-type]


@given(instants_near_dst_changes())
def test_instants_near_dst_changes_lie_within_90_minutes_of_a_change_in_their_own_zone(
    moment: dt.datetime,
) -> None:
    assert isinstance(moment.tzinfo, ZoneInfo)
    instant = moment.astimezone(UTC)
    changes = dst_changes(moment.tzinfo.key, instant.year) + dst_changes(moment.tzinfo.key, instant.year - 1)
    assert any(abs(instant - change) <= timedelta(minutes=90) for change in changes)
    assert moment == moment.astimezone(UTC).astimezone(moment.tzinfo)
    assert moment.fold == moment.astimezone(UTC).astimezone(moment.tzinfo).fold
