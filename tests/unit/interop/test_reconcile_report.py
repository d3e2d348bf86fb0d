"""What a reconciliation report holds, compares, shows and refuses, and how paired lines are compared."""

from __future__ import annotations

import datetime as dt
import decimal
import gc
import weakref
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import Mismatch, ReconciliationReport, parse_invoice_line_items, reconcile

MINE = ChargeLine(
    order_date=dt.date(2022, 3, 7),
    charge_type=ChargeType.ADD_QUANTITY,
    product="M365 BS",
    subscription_id="s1",
    unit_price=Money(12, "EUR"),
    effective_unit_price=Money("11.2258064516129", "EUR"),
    quantity=Decimal(15),
    subtotal=Money("168.38", "EUR"),
    charge_start=dt.date(2022, 3, 7),
    charge_end=dt.date(2022, 4, 4),
)


def mine(**changes: Any) -> ChargeLine:
    if "subtotal" in changes and "total" not in changes:
        changes["total"] = changes["subtotal"] + changes.get("tax", MINE.tax)
    return attrs.evolve(MINE, **changes)


def mismatch(actual: ChargeLine, field: str, difference: str) -> Mismatch:
    return Mismatch(expected=MINE, actual=actual, field=field, difference=Money(difference, "EUR"))


# -- the report value -------------------------------------------------------------------------------


def test_a_report_shows_every_field_in_order() -> None:
    billed = mine(reference_id="r-1")
    report = ReconciliationReport(
        matched_expected=(MINE,), matched_actual=[billed], tolerance=Decimal("0.01")
    )
    assert repr(report) == (
        f"ReconciliationReport(matched_expected=({MINE!r},), matched_actual=({billed!r},), "
        "missing=(), unexpected=(), mismatched=(), tolerance=Decimal('0.01'))"
    )


def test_a_report_from_reconcile_shows_the_billed_lines_it_stands_for() -> None:
    billed = mine(reference_id="r-1")
    report = reconcile([MINE], [billed])
    assert repr(report) == (
        f"ReconciliationReport(matched_expected=({MINE!r},), matched_actual=({billed!r},), "
        "missing=(), unexpected=(), mismatched=(), tolerance=Decimal('0'))"
    )


def test_reports_that_differ_only_in_the_billed_lines_differ() -> None:
    first = ReconciliationReport(matched_expected=(MINE,), matched_actual=(MINE,))
    other = ReconciliationReport(matched_expected=(MINE,), matched_actual=(mine(reference_id="r-1"),))
    assert first != other
    assert hash(first) != hash(other)
    assert first == ReconciliationReport(matched_expected=(MINE,), matched_actual={MINE})
    assert hash(first) == hash(reconcile([MINE], [MINE]))


def test_a_report_from_reconcile_can_be_evolved_before_its_billed_lines_are_read() -> None:
    billed = mine(reference_id="r-1")
    report = reconcile([MINE], [billed])
    evolved = attrs.evolve(report, missing=(MINE,))
    assert evolved.matched_actual == (billed,)
    assert evolved.missing == (MINE,)
    assert not evolved.is_clean


def test_billed_lines_that_do_not_pair_one_to_one_are_refused_with_their_count() -> None:
    with pytest.raises(InvalidInput) as caught:
        ReconciliationReport(matched_expected=(MINE, MINE), matched_actual=(MINE,))
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "matched_actual",
        ErrorCode.INCONSISTENT,
        1,
    )
    assert caught.value.code == ErrorCode.INCONSISTENT


def test_billed_lines_that_are_not_a_collection_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        ReconciliationReport(matched_actual="lines")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "matched_actual",
        ErrorCode.WRONG_TYPE,
        "lines",
    )


def test_a_billed_line_that_is_not_a_charge_line_is_refused_by_its_position() -> None:
    with pytest.raises(InvalidInput) as caught:
        ReconciliationReport(matched_expected=(MINE, MINE), matched_actual=(MINE, "x"))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "matched_actual[1]",
        ErrorCode.WRONG_TYPE,
        "x",
    )
    assert caught.value.code == ErrorCode.WRONG_TYPE


# -- what is kept of a billed line ------------------------------------------------------------------


def test_a_billed_line_that_differs_only_in_its_reference_id_is_not_kept_alive() -> None:
    billed = mine(reference_id="r-1")
    watch = weakref.ref(billed)
    report = reconcile([MINE], [billed])
    del billed
    gc.collect()
    assert watch() is None
    assert report.matched_actual == (mine(reference_id="r-1"),)


def test_a_billed_line_that_differs_in_another_field_is_kept_as_billed() -> None:
    billed = mine(product="Microsoft 365 Business Standard", reference_id="r-1")
    report = reconcile([MINE], [billed])
    assert report.is_clean
    assert report.matched_actual[0] is billed


def test_paired_lines_found_among_lines_that_share_a_key_are_reported_as_expected() -> None:
    renew = mine(charge_type=ChargeType.RENEW)
    report = reconcile([MINE, renew], [renew, MINE])
    assert report.is_clean
    assert report.matched_expected == (renew, MINE)
    assert report.matched_actual == (renew, MINE)


# -- comparing paired lines -------------------------------------------------------------------------


def test_a_difference_within_the_tolerance_does_not_hide_a_later_one() -> None:
    billed = mine(unit_price=Money("12.01", "EUR"), subtotal=Money("169.38", "EUR"))
    report = reconcile([MINE], [billed], tolerance="0.01")
    assert report.mismatched == (mismatch(billed, "subtotal", "1.00"), mismatch(billed, "total", "1.00"))


def test_a_display_rounded_price_does_not_hide_a_later_difference() -> None:
    billed = mine(effective_unit_price=Money("11.23", "EUR"), subtotal=Money("168.39", "EUR"))
    report = reconcile([MINE], [billed])
    assert report.mismatched == (mismatch(billed, "subtotal", "0.01"), mismatch(billed, "total", "0.01"))


def test_a_difference_exactly_at_the_tolerance_is_accepted_and_one_beyond_it_is_not() -> None:
    at = mine(subtotal=Money("168.40", "EUR"))
    beyond = mine(subtotal=Money("168.401", "EUR"))
    assert reconcile([MINE], [at], tolerance="0.02").is_clean
    assert reconcile([MINE], [beyond], tolerance="0.02").mismatched == (
        mismatch(beyond, "subtotal", "0.021"),
        mismatch(beyond, "total", "0.021"),
    )


def test_differences_are_measured_exactly_whatever_the_ambient_decimal_context() -> None:
    billed = mine(unit_price=Money("1123.456", "EUR"))
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        report = reconcile([mine(unit_price=Money(1000, "EUR"))], [billed], tolerance="123.4")
    assert [(m.field, m.difference) for m in report.mismatched] == [("unit_price", Money("123.456", "EUR"))]


# -- errors of the line-items payload ---------------------------------------------------------------


def test_a_legacy_line_the_charge_line_refuses_is_named_by_item_and_field() -> None:
    office = {"billingProvider": "office", "chargeType": "Cycle fee", "offerName": "E3",
              "subscriptionId": "s", "unitPrice": 10, "quantity": 1, "subtotal": "10", "tax": "0",
              "currency": "EUR", "chargeStartDate": "2017-05-12T00:00:00",
              "chargeEndDate": "2017-05-01T00:00:00"}  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        parse_invoice_line_items({"items": [office, office]})
    assert (caught.value.field, caught.value.value) == ("items[0].charge_end", dt.date(2017, 5, 1))


# -- what reconcile refuses and accepts -------------------------------------------------------------


class TaggedLine(ChargeLine):
    """A caller's own kind of charge line."""

    __slots__ = ()


def test_lines_of_a_charge_line_subclass_are_reconciled() -> None:
    tagged = TaggedLine(**attrs.asdict(MINE, recurse=False))
    report = reconcile([tagged], [tagged])
    assert report.is_clean
    assert report.matched == ((tagged, tagged),)
    assert reconcile([MINE], [tagged]).matched_actual[0] is tagged


@pytest.mark.parametrize("side", ["expected", "actual"])
def test_an_item_that_is_not_a_charge_line_is_refused_by_side_and_position(side: str) -> None:
    lines: dict[str, list[object]] = {"expected": [MINE], "actual": [MINE]}
    lines[side].append("x")
    with pytest.raises(InvalidInput) as caught:
        reconcile(lines["expected"], lines["actual"])  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        f"{side}[1]",
        ErrorCode.WRONG_TYPE,
        "x",
    )
    assert caught.value.code == ErrorCode.WRONG_TYPE


@pytest.mark.parametrize("side", ["expected", "actual"])
def test_lines_that_are_not_an_iterable_are_refused_by_side(side: str) -> None:
    lines: dict[str, object] = {"expected": [MINE], "actual": [MINE], side: 5}
    with pytest.raises(InvalidInput) as caught:
        reconcile(lines["expected"], lines["actual"])  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value) == (side, 5)


def test_a_negative_tolerance_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        reconcile([MINE], [MINE], tolerance="-0.01")
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "tolerance",
        ErrorCode.OUT_OF_RANGE,
        "-0.01",
    )
