"""The shared input checks of cspcore._validate: what each accepts, and how each refusal reads."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import InvalidInput, _validate
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

#: How _validate.flag words its refusal (one place to change if the wording changes).
FLAG_PROBLEM = "expected a bool (True or False)"
NAIVE = dt.datetime(2024, 1, 1)  # noqa: DTZ001 - naive on purpose
AWARE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


class _DayLongOffset(dt.tzinfo):
    """A broken tzinfo: Python refuses offsets of a whole day or more."""

    def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=24)

    def dst(self, _moment: dt.datetime | None) -> None:
        return None

    def tzname(self, _moment: dt.datetime | None) -> str:
        return "+24"


class _OffsetOnFirstPassOnly(dt.tzinfo):
    """A tzinfo whose offset depends on fold: known for fold=0, unknown for fold=1."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None if moment is not None and moment.fold else dt.timedelta(hours=1)

    def dst(self, _moment: dt.datetime | None) -> None:
        return None

    def tzname(self, _moment: dt.datetime | None) -> None:
        return None


class _NoOffset(dt.tzinfo):
    """A tzinfo that knows no offset: such a datetime is naive in all but name."""

    def utcoffset(self, _when: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, _when: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, _when: dt.datetime | None) -> str | None:
        return None


class BillingCycleKind(CspEnum):
    ONE_TIME = "oneTime"
    MONTHLY = "monthly"


class Plan(CspEnum):
    PAY_AS_YOU_GO = "pay-as-you-go"


class Shade(enum.Enum):
    DARK_RED = "darkRed"
    BLUE = "blue"


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: _validate.decimal(True, "price"), "price", ErrorCode.WRONG_TYPE),
        (lambda: _validate.decimal("1,5", "price"), "price", ErrorCode.NOT_A_NUMBER),
        (lambda: _validate.decimal("\x00", "price"), "price", ErrorCode.NOT_A_NUMBER),
        (
            lambda: _validate.decimal(1.5, "price"),
            "price",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: _validate.decimal([1], "price"),
            "price",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: _validate.decimal("sNaN", "price"), "price", ErrorCode.NOT_FINITE),
        (lambda: _validate.decimal("-inf", "price"), "price", ErrorCode.NOT_FINITE),
        (lambda: _validate.decimal("1e31", "q"), "q", ErrorCode.OUT_OF_RANGE),
        (lambda: _validate.decimal("-1e31", "q"), "q", ErrorCode.OUT_OF_RANGE),
        (lambda: _validate.decimal("1e-31", "q"), "q", ErrorCode.OUT_OF_RANGE),
        (
            lambda: _validate.decimal("-0.01", "q", allow_negative=False),
            "q",
            ErrorCode.OUT_OF_RANGE,
        ),
        (lambda: _validate.integer(True, "n"), "n", ErrorCode.WRONG_TYPE),
        (lambda: _validate.integer("1", "n"), "n", ErrorCode.WRONG_TYPE),
        (lambda: _validate.integer(-1, "n", minimum=0), "n", ErrorCode.OUT_OF_RANGE),
        (lambda: _validate.integer(11, "n", maximum=10), "n", ErrorCode.OUT_OF_RANGE),
        (
            lambda: _validate.date(AWARE, "on"),
            "on",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: _validate.date(None, "on"), "on", ErrorCode.WRONG_TYPE),
        (
            lambda: _validate.aware_datetime(dt.date(2024, 1, 1), "at"),
            "at",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: _validate.aware_datetime(NAIVE, "at"),
            "at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: _validate.enum_member(Shade, "green", "shade"),
            "shade",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: _validate.enum_member(Shade, 3, "tint"),
            "tint",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: BillingCycleKind("weekly"),
            "billing_cycle_kind",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: _validate.text(None, "id"), "id", ErrorCode.WRONG_TYPE),
        (lambda: _validate.text(" \t", "id"), "id", ErrorCode.EMPTY),
        (
            lambda: _validate.text("abcd", "id", max_length=3),
            "id",
            ErrorCode.TOO_LONG,
        ),
        (
            lambda: _validate.one_of("huge", ("short", "long"), "format"),
            "format",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: _validate.one_of(1, ("short", "long"), "format"),
            "format",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: _validate.items("ab", "plans"), "plans", ErrorCode.WRONG_TYPE),
        (
            lambda: _validate.items({"a": 1}, "plans"),
            "plans",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: _validate.flag(1, "cash"), "cash", ErrorCode.WRONG_TYPE),
        (lambda: _validate.flag("yes", "cash"), "cash", ErrorCode.WRONG_TYPE),
        (
            lambda: _validate.optional_text("", "invoice_id"),
            "invoice_id",
            ErrorCode.EMPTY,
        ),
        (
            lambda: _validate.optional_text(7, "invoice_id"),
            "invoice_id",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: _validate.instance("3", int, "n"), "n", ErrorCode.WRONG_TYPE),
        (lambda: _validate.instance(1.5, (int, str), "n"), "n", ErrorCode.WRONG_TYPE),
    ],
)
def test_each_check_names_the_field_the_problem_and_the_value(
    call: Callable[[], Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert field == caught.value.field
    assert code == caught.value.code


class TestDecimal:
    def test_decimals_ints_and_padded_strings_are_accepted(self) -> None:
        assert Decimal("1.50") == _validate.decimal(Decimal("1.50"), "x")
        assert Decimal(-7) == _validate.decimal(-7, "x")
        assert Decimal("2.5") == _validate.decimal(" 2.5\n", "x")

    def test_the_magnitude_limits_themselves_are_accepted(self) -> None:
        assert Decimal("1e30") == _validate.decimal("1e30", "x")
        assert Decimal("-9.99e30") == _validate.decimal("-9.99e30", "x")
        assert Decimal("1e-30") == _validate.decimal("1e-30", "x")

    def test_a_zero_with_an_absurd_exponent_becomes_a_plain_zero(self) -> None:
        tiny_zero = _validate.decimal("0E-40", "x")
        assert tuple(tiny_zero.as_tuple()) == (0, (0,), 0)
        assert _validate.decimal("0E-30", "x").as_tuple().exponent == -30

    def test_zero_and_negative_zero_are_not_negative(self) -> None:
        assert Decimal(0) == _validate.decimal("0", "x", allow_negative=False)
        assert Decimal(0) == _validate.decimal("-0", "x", allow_negative=False)


class TestIntegerAndFlags:
    def test_the_bounds_themselves_are_accepted(self) -> None:
        assert _validate.integer(0, "n", minimum=0, maximum=0) == 0
        assert _validate.integer(-5, "n") == -5

    def test_flags_pass_through(self) -> None:
        assert _validate.flag(True, "cash") is True
        assert _validate.flag(False, "cash") is False


class TestDatesAndTimes:
    def test_a_date_is_returned_as_it_is(self) -> None:
        day = dt.date(2024, 2, 29)
        assert _validate.date(day, "on") is day

    def test_an_aware_datetime_is_returned_as_it_is(self) -> None:
        assert _validate.aware_datetime(AWARE, "at") is AWARE

    def test_a_tzinfo_without_an_offset_counts_as_naive(self) -> None:
        with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
            _validate.aware_datetime(dt.datetime(2024, 1, 1, tzinfo=_NoOffset()), "at")

    def test_a_tzinfo_whose_offset_is_out_of_range_is_refused_as_invalid_input(self) -> None:
        with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
            _validate.aware_datetime(dt.datetime(2024, 1, 1, tzinfo=_DayLongOffset()), "at")

    def test_fold_is_honoured_when_the_offset_depends_on_it(self) -> None:
        # The value's own fold decides: 01:30 fold=1 in New York on 2007-11-04 is EST, 06:30 UTC.
        zone = ZoneInfo("America/New_York")
        for fold, utc_hour in ((0, 5), (1, 6)):
            moment = _validate.aware_datetime(dt.datetime(2007, 11, 4, 1, 30, fold=fold, tzinfo=zone), "at")
            assert dt.datetime(2007, 11, 4, utc_hour, 30, tzinfo=dt.UTC) == moment.astimezone(dt.UTC)
        with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
            _validate.aware_datetime(dt.datetime(2024, 1, 1, fold=1, tzinfo=_OffsetOnFirstPassOnly()), "at")


class TestEnums:
    @pytest.mark.parametrize("given", ["oneTime", "ONETIME", "one_time", "One Time", "one-time", " onetime "])
    def test_cspenum_members_are_found_by_value_or_name_in_any_spelling(self, given: str) -> None:
        assert BillingCycleKind.ONE_TIME is BillingCycleKind(given)

    @pytest.mark.parametrize("given", ["Pay As You Go", "payasyougo", "PAY_AS-YOU GO"])
    def test_separators_are_ignored_on_both_sides(self, given: str) -> None:
        assert Plan.PAY_AS_YOU_GO is Plan(given)

    def test_a_member_is_its_own_lookup(self) -> None:
        assert Shade.BLUE is _validate.enum_member(Shade, Shade.BLUE, "shade")
        assert Shade.DARK_RED is _validate.enum_member(Shade, "Dark-Red", "shade")

    def test_an_unknown_cspenum_value_is_an_invalid_input_and_a_value_error(self) -> None:
        with raises_invalid(field="billing_cycle_kind", code=ErrorCode.UNKNOWN_VALUE) as caught:
            BillingCycleKind("weekly")
        assert isinstance(caught.value, InvalidInput)
        assert caught.value.value == "weekly"


class TestTextItemsAndChoices:
    def test_text_up_to_the_limit_and_empty_when_allowed(self) -> None:
        assert _validate.text("abc", "id", max_length=3) == "abc"
        assert _validate.text("   ", "id", allow_empty=True) == "   "
        assert _validate.text("x" * 10_000, "id") == "x" * 10_000
        with raises_invalid(field="id", code=ErrorCode.TOO_LONG):
            _validate.text("x" * 10_001, "id")

    def test_optional_text_passes_none_and_text(self) -> None:
        assert _validate.optional_text(None, "id") is None
        assert _validate.optional_text("inv-1", "id") == "inv-1"

    def test_items_become_a_tuple(self) -> None:
        assert _validate.items([1, 2], "xs") == (1, 2)
        assert _validate.items(frozenset({1}), "xs") == (1,)
        assert _validate.items((), "xs") == ()

    def test_one_of_returns_the_choice(self) -> None:
        assert _validate.one_of("long", {"short", "long"}, "format") == "long"

    def test_instance_returns_the_value(self) -> None:
        assert _validate.instance(3, (str, int), "n") == 3


class TestAttrsAdapters:
    def test_attrs_instance_of_names_the_attribute(self) -> None:
        @attrs.frozen
        class Box:
            count: int = attrs.field(validator=_validate.attrs_instance_of(int))

        assert Box(3).count == 3
        with pytest.raises(InvalidInput) as caught:
            Box("3")  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.code) == ("count", ErrorCode.WRONG_TYPE)

    def test_attrs_instance_of_accepts_a_tuple_of_types(self) -> None:
        @attrs.frozen
        class Box:
            size: int | str = attrs.field(validator=_validate.attrs_instance_of((int, str)))

        assert Box("L").size == "L"
        with raises_invalid(field="size", code=ErrorCode.WRONG_TYPE):
            Box(1.5)  # type: ignore[arg-type]

    def test_attrs_validator_passes_the_attribute_name_to_the_check(self) -> None:
        @attrs.frozen
        class Box:
            when: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))

        assert dt.date(2024, 1, 1) == Box(dt.date(2024, 1, 1)).when
        with pytest.raises(InvalidInput) as caught:
            Box("2024-01-01")  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.code) == ("when", ErrorCode.WRONG_TYPE)
