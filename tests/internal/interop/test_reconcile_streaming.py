"""A reconciliation file streamed through ``iter_recon_rows`` reconciles exactly as its parsed lines do.

``reconcile`` reads the rows of a file as field values and builds a line only for a row that differs
from its expected line (``docs/reconciliation.md``, "A month of a million rows"). Every test here
reconciles the same billed lines three ways (as a list of lines, as parsed lines, and streamed from
the CSV text) and requires the same report; the row of interest is never the first of the file,
which the reader always reads carefully into a line to learn the file's spellings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import (
    RECON_COLUMNS,
    ReconciliationReport,
    _pairing,
    iter_recon_rows,
    parse_recon_rows,
    reconcile,
    to_recon_rows,
)
from cspcore.interop._fastcsv import build

BASE = ChargeLine(
    order_date=dt.date(2024, 3, 5),
    charge_type=ChargeType.NEW,
    product="Microsoft 365 E3",
    subscription_id="sub-0",
    unit_price=Money(36, "EUR"),
    effective_unit_price=Money(36, "EUR"),
    quantity=Decimal(2),
    subtotal=Money(72, "EUR"),
    tax=Money("15.12", "EUR"),
    charge_start=dt.date(2024, 3, 5),
    charge_end=dt.date(2024, 4, 4),
    reference_id="r-0",
    qualifiers=("Add-on",),
    customer_id="c-1",
    subscription_start=dt.date(2024, 3, 5),
    subscription_end=dt.date(2025, 3, 4),
    term_and_billing_cycle="1 Year - Monthly",
    billing_frequency="Monthly",
)
#: The first row of every file: the reader reads it carefully, so it is paired as a line.
OPENING = attrs.evolve(BASE, subscription_id="opening", reference_id="r-opening")


def sub(number: int, **changes: Any) -> ChargeLine:
    """A charge of subscription ``sub-<number>`` (the total follows a changed subtotal or tax)."""
    fields: dict[str, Any] = {"subscription_id": f"sub-{number}", "reference_id": f"r-{number}", **changes}
    if ("subtotal" in changes or "tax" in changes) and "total" not in changes:
        fields["total"] = fields.get("subtotal", BASE.subtotal) + fields.get("tax", BASE.tax)
    return attrs.evolve(BASE, **fields)


def refund(number: int, **changes: Any) -> ChargeLine:
    return sub(
        number,
        charge_type=ChargeType.CANCEL_IMMEDIATE,
        effective_unit_price=Money(-36, "EUR"),
        subtotal=Money(-72, "EUR"),
        tax=Money("-15.12", "EUR"),
        **changes,
    )


def csv_text(lines: list[ChargeLine]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    return buffer.getvalue()


def three_ways(expected: list[ChargeLine], billed: list[ChargeLine]) -> ReconciliationReport:
    """The report of ``billed`` (after the opening row), checked equal however the lines arrive."""
    expected, billed = [OPENING, *expected], [OPENING, *billed]
    text = csv_text(billed)
    as_lines = reconcile(expected, billed)
    parsed = reconcile(expected, parse_recon_rows(text))
    streamed = reconcile(expected, iter_recon_rows(text))
    for report in (parsed, streamed):
        assert report.matched_expected == as_lines.matched_expected
        assert report.matched_actual == as_lines.matched_actual
        assert report.missing == as_lines.missing
        assert report.unexpected == as_lines.unexpected
        assert report.mismatched == as_lines.mismatched
        assert report == as_lines
    return streamed


def test_a_clean_month_pairs_every_billed_row_with_the_expected_line_it_equals() -> None:
    month = [sub(number) for number in range(1, 6)]
    report = three_ways(month, month)
    assert report.is_clean
    assert report.matched_expected == (OPENING, *month)
    assert report.matched_actual == (OPENING, *month)
    assert all(billed is mine for mine, billed in report.matched)


def test_a_billed_row_without_the_expected_reference_id_is_kept_as_billed() -> None:
    billed = sub(2, reference_id=None)
    report = three_ways([sub(1), sub(2), sub(3)], [sub(1), billed, sub(3)])
    assert report.is_clean
    assert report.matched_actual == (OPENING, sub(1), billed, sub(3))
    assert report.matched_actual[2].reference_id is None


def test_a_billed_row_with_a_reference_id_the_expected_line_lacks_keeps_that_id() -> None:
    mine = [sub(1, reference_id=None), sub(2, reference_id=None)]
    report = three_ways(mine, [sub(1), sub(2, reference_id=None)])
    assert report.is_clean
    assert [line.reference_id for line in report.matched_actual] == ["r-opening", "r-1", None]
    assert report.matched_expected == (OPENING, *mine)


def test_a_billed_row_with_another_reference_id_keeps_the_billed_id() -> None:
    report = three_ways([sub(1), sub(2)], [sub(1), sub(2, reference_id="r-other")])
    assert report.is_clean
    assert report.matched_actual == (OPENING, sub(1), sub(2, reference_id="r-other"))


def test_amounts_with_trailing_zeros_are_the_same_amounts() -> None:
    billed = sub(
        1,
        unit_price=Money("36.00", "EUR"),
        effective_unit_price=Money("36.0000", "EUR"),
        subtotal=Money("72.00", "EUR"),
        tax=Money("15.120", "EUR"),
    )
    report = three_ways([sub(1), sub(2)], [billed, sub(2)])
    assert report.is_clean
    assert report.matched_actual == (OPENING, billed, sub(2))
    assert report.mismatched == ()


@pytest.mark.parametrize(
    "changes",
    [
        {"order_date": dt.date(2024, 3, 6)},
        {"product": "M365 E3"},
        {"qualifiers": ()},
        {"qualifiers": ("Trial",)},
        {"customer_id": None},
        {"customer_id": "c-2"},
        {"subscription_start": None},
        {"subscription_start": dt.date(2024, 3, 4)},
        {"subscription_end": dt.date(2025, 3, 5)},
        {"subscription_end": None},
        {"term_and_billing_cycle": "1 Month - Monthly"},
        {"term_and_billing_cycle": None},
        {"billing_frequency": "Annual"},
        {"billing_frequency": None},
        {"effective_unit_price": Money("36.004", "EUR")},
    ],
    ids=lambda changes: ",".join(f"{name}={value}" for name, value in changes.items()),
)
def test_a_difference_in_a_field_that_is_not_compared_keeps_the_billed_line(changes: dict[str, Any]) -> None:
    billed = sub(2, **changes)
    report = three_ways([sub(1), sub(2), sub(3)], [sub(1), billed, sub(3)])
    assert report.is_clean
    assert report.matched_actual == (OPENING, sub(1), billed, sub(3))
    assert report.matched_actual[2] is not report.matched_expected[2]


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"unit_price": Money(37, "EUR")}, ["unit_price"]),
        ({"effective_unit_price": Money("36.5", "EUR")}, ["effective_unit_price"]),
        ({"subtotal": Money(73, "EUR")}, ["subtotal", "total"]),
        ({"tax": Money("15.13", "EUR")}, ["tax", "total"]),
    ],
)
def test_a_difference_in_a_compared_amount_is_a_mismatch(changes: dict[str, Any], fields: list[str]) -> None:
    billed = sub(2, **changes)
    report = three_ways([sub(1), sub(2), sub(3)], [sub(1), billed, sub(3)])
    assert [mismatch.field for mismatch in report.mismatched] == fields
    assert {(mismatch.expected, mismatch.actual) for mismatch in report.mismatched} == {(sub(2), billed)}
    assert report.matched_expected == (OPENING, sub(1), sub(3))


def test_a_billed_row_in_another_currency_is_a_currency_mismatch() -> None:
    billed = sub(2, unit_price=Money(36, "USD"), effective_unit_price=Money(36, "USD"),
                 subtotal=Money(72, "USD"), tax=Money("15.12", "USD"))  # fmt: skip
    expected, rows = [OPENING, sub(1), sub(2)], [OPENING, sub(1), billed]
    # to_recon_rows writes one file's currency: the USD row is written on its own and appended
    text = csv_text(rows[:2]) + csv_text([billed]).split("\n", 1)[1]
    # lines are named as reconcile numbers them; rows of a file as the reader numbers them (the
    # reader refuses a second currency in one file itself)
    for call, field in (
        (lambda: reconcile(expected, rows), "actual[2].currency"),
        (lambda: parse_recon_rows(text), "rows[3].Currency"),
        (lambda: reconcile(expected, iter_recon_rows(text)), "rows[3].Currency"),
    ):
        with pytest.raises(CurrencyMismatch) as caught:
            call()
        assert caught.value.field == field
        assert (caught.value.left, caught.value.right, caught.value.code) == (
            "EUR",
            "USD",
            "currency_mismatch",
        )


def test_a_billed_row_of_another_subscription_date_or_quantity_is_unexpected() -> None:
    others = [
        sub(9),
        sub(2, charge_start=dt.date(2024, 3, 6)),
        sub(2, charge_end=dt.date(2024, 4, 5)),
        sub(2, quantity=Decimal(3)),
        sub(2, charge_type=ChargeType.RENEW),
    ]
    report = three_ways([sub(1), sub(2)], [sub(1), *others])
    assert report.missing == (sub(2),)
    assert report.unexpected == tuple(others)
    assert report.matched_expected == (OPENING, sub(1))


def test_a_refund_never_pairs_with_the_charge_it_refunds() -> None:
    report = three_ways([sub(1), sub(2), refund(3)], [sub(1), refund(2), sub(3), refund(3)])
    assert report.missing == (sub(2),)
    assert report.unexpected == (refund(2), sub(3))
    assert report.matched_expected == (OPENING, sub(1), refund(3))


def test_a_free_line_pairs_with_the_free_line_expected() -> None:
    trial = sub(2, unit_price=Money(0, "EUR"), effective_unit_price=Money(0, "EUR"),
                subtotal=Money(0, "EUR"), tax=Money(0, "EUR"), qualifiers=("Trial",))  # fmt: skip
    report = three_ways([sub(1), trial, refund(3)], [sub(1), trial, refund(3)])
    assert report.is_clean
    assert report.matched_actual == (OPENING, sub(1), trial, refund(3))


def test_lines_that_share_everything_but_the_charge_type_pair_with_their_own_type() -> None:
    new, renew = sub(1), sub(1, charge_type=ChargeType.RENEW, reference_id="r-renew")
    report = three_ways([new, renew, sub(2)], [renew, sub(2), new])
    assert report.is_clean
    assert report.matched_expected == (OPENING, renew, sub(2), new)
    assert report.matched_actual == (OPENING, renew, sub(2), new)


def test_expected_lines_that_share_a_key_and_were_not_billed_are_each_missing() -> None:
    new, renew = sub(1), sub(1, charge_type=ChargeType.RENEW)
    report = three_ways([new, renew, sub(2)], [sub(2)])
    assert report.missing == (new, renew)
    assert report.matched_expected == (OPENING, sub(2))


def test_quantities_whose_hashes_collide_are_still_different_charges() -> None:
    # Decimal hashes are taken modulo 2**61 - 1, so 1 and (10**7 + 2**61 - 1) / 10**7 share a hash (and
    # so does the key), and the second is within the bound on quantities (10**12).
    colliding = Decimal(10**7 + 2**61 - 1).scaleb(-7)
    one, huge = sub(2, quantity=Decimal(1)), sub(2, quantity=colliding)
    assert hash(one.quantity) == hash(huge.quantity)
    report = three_ways([sub(1), one], [sub(1), huge])
    assert report.missing == (one,)
    assert report.unexpected == (huge,)
    both = three_ways([sub(1), one, huge], [sub(1), huge, one])
    assert both.is_clean
    assert both.matched_expected == (OPENING, sub(1), huge, one)


def test_several_equal_expected_lines_pair_with_as_many_billed_rows() -> None:
    report = three_ways([sub(1), sub(1), sub(1)], [sub(1), sub(1)])
    assert report.matched_expected == (OPENING, sub(1), sub(1))
    assert report.missing == (sub(1),)


@pytest.mark.parametrize("form", ["text", "lines", "bytes"])
def test_a_clean_month_read_from_a_file_builds_no_line_for_rows_it_has_seen_the_like_of(
    form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes = [
        sub(1),
        refund(2),
        refund(3, reference_id=None),
        sub(4, reference_id=None),
        sub(5, unit_price=Money(0, "EUR"), effective_unit_price=Money(0, "EUR"),
            subtotal=Money(0, "EUR"), tax=Money(0, "EUR")),
        sub(6, qualifiers=(), customer_id=None, subscription_start=None, subscription_end=None,
            term_and_billing_cycle=None, billing_frequency=None),
    ]  # fmt: skip
    # The reader reads a row carefully (into a line) when a cell is new to it; the same shapes
    # again, for other subscriptions, are read as field values and paired without a line.
    again = [attrs.evolve(line, subscription_id=f"again-{line.subscription_id}") for line in shapes]
    billed = [*shapes, *again, sub(7, reference_id="r-billed"), refund(8, reference_id="r-x")]
    mine = [*shapes, *again, sub(7, reference_id=None), refund(8, reference_id=None)]
    paired: list[ChargeLine] = []
    built: list[tuple[Any, ...]] = []
    pair = _pairing.Pairing.pair

    def counted_pair(self: Any, line: ChargeLine) -> None:
        paired.append(line)
        pair(self, line)

    def counted_build(values: tuple[Any, ...]) -> ChargeLine:
        built.append(values)
        return build(values)

    monkeypatch.setattr(_pairing.Pairing, "pair", counted_pair)
    monkeypatch.setattr(_pairing, "build", counted_build)
    text = csv_text(billed)
    rows: str | bytes | io.StringIO = text
    if form == "lines":
        rows = io.StringIO(text, newline="")
    elif form == "bytes":
        rows = text.encode()
    report = reconcile(mine, iter_recon_rows(rows))
    assert report.is_clean
    assert report.matched_actual == tuple(billed)
    assert built == []
    assert paired
    assert set(paired) <= set(shapes)


def test_rows_whose_source_fails_are_refused_without_the_failure_s_details() -> None:
    class Failing:
        def __iter__(self) -> Failing:
            return self

        def __next__(self) -> str:
            raise OSError("disk on fire")

    with pytest.raises(InvalidInput) as caught:
        reconcile([sub(1)], iter_recon_rows(Failing()))
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "rows",
        ErrorCode.IO_FAILED,
        None,
    )
    assert caught.value.code == ErrorCode.IO_FAILED


def test_lines_of_bytes_are_refused_with_advice_and_their_first_forty_bytes() -> None:
    lines = [csv_text([sub(1)]).encode()]
    with pytest.raises(InvalidInput) as caught:
        reconcile([sub(1)], iter_recon_rows(lines))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "rows",
        ErrorCode.WRONG_TYPE,
        lines[0][:40],
    )
