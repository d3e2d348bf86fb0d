"""explain_charge_reasons, pinned: whole reasons and sources, cycle hints, stated precision, any context."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import pytest

from cspcore import ErrorCode, InvalidInput, Money, Reason
from cspcore.billing import ChargeLine, ChargeType
from cspcore.explain import Source
from cspcore.interop import explain_charge, explain_charge_reasons

SCENARIOS = Source(document="common-billing-scenarios-onetime-recurring.md")
RECON = Source(document="modern-invoice-reconciliation-file.md")
SUBTOTAL = Source(document="modern-invoice-reconciliation-file.md", section="Subtotal")
CHARGE_TYPES = Source(document="recon-file-charge-types.md")
HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)


def charge(**changes: object) -> ChargeLine:
    """Ten seats at 12 EUR a month removed for Mar 7 - Apr 4, 2022 (29 of March's 31 days)."""
    fields: dict[str, object] = {
        "order_date": dt.date(2022, 3, 7),
        "charge_type": ChargeType.REMOVE_QUANTITY,
        "product": "Microsoft 365 Business Standard",
        "subscription_id": "s1",
        "unit_price": Money(12, "EUR"),
        "effective_unit_price": Money("-11.23", "EUR"),
        "quantity": Decimal(-10),
        "subtotal": Money("-112.25", "EUR"),
        "charge_start": dt.date(2022, 3, 7),
        "charge_end": dt.date(2022, 4, 4),
    }
    fields.update(changes)
    return ChargeLine(**fields)  # type: ignore[arg-type]


def header(kind: str) -> Reason:
    return Reason(
        code="interop.explain.header",
        params={"product": "Microsoft 365 Business Standard", "kind": kind},
        source=CHARGE_TYPES,
    )


MARCH = Reason(
    code="interop.explain.period",
    params={"start": dt.date(2022, 3, 7), "end": dt.date(2022, 4, 4), "days": 29},
    source=SCENARIOS,
)


def test_a_prorated_refund_is_explained_by_reasons_that_cite_their_pages() -> None:
    # 12 / 31 * 29 = 11.2258...; × 10 = 112.258 rounded down to 112.25 (line total first).
    assert explain_charge_reasons(charge(), locale="en_US") == (
        header("seats removed"),
        MARCH,
        Reason(
            code="interop.explain.prorated",
            params={"unit_price": "12.00 EUR", "cycle_days": 31, "days": 29, "price": "11.2258 EUR"},
            source=SCENARIOS,
        ),
        Reason(
            code="interop.explain.amount_line_first",
            params={"price": "11.2258 EUR", "quantity": Decimal(10), "amount": Money("112.25", "EUR")},
            source=SUBTOTAL,
        ),
        Reason(code="interop.explain.refund", params={"amount": Money("112.25", "EUR")}, source=SCENARIOS),
        Reason(
            code="interop.explain.tax",
            params={"tax": Money(0, "EUR"), "total": Money("-112.25", "EUR")},
            source=RECON,
        ),
    )


def test_a_price_rounded_down_first_is_explained_as_the_reconciliation_files_subtotal_rule() -> None:
    # common-billing-scenarios-onetime-recurring.md: 10.08 / 31 * 29 = 9.4297 -> 9.42, × 10 = 94.20.
    line = charge(
        unit_price=Money("10.08", "EUR"),
        effective_unit_price=Money("-9.42", "EUR"),
        subtotal=Money("-94.2", "EUR"),
    )
    assert explain_charge_reasons(line, locale="en_US")[2:4] == (
        Reason(
            code="interop.explain.prorated",
            params={"unit_price": "10.08 EUR", "cycle_days": 31, "days": 29, "price": "9.4297 EUR"},
            source=SCENARIOS,
        ),
        Reason(
            code="interop.explain.amount_price_first",
            params={"price": "9.42 EUR", "quantity": Decimal(10), "amount": Money("94.20", "EUR")},
            source=SUBTOTAL,
        ),
    )


def test_a_full_cycle_charge_is_explained_at_its_unit_price_without_a_refund() -> None:
    line = charge(
        charge_type=ChargeType.NEW,
        effective_unit_price=Money(12, "EUR"),
        quantity=Decimal(10),
        subtotal=Money(120, "EUR"),
    )
    assert explain_charge_reasons(line, locale="en_US") == (
        header("new subscription"),
        MARCH,
        Reason(code="interop.explain.full", params={"price": "12.00 EUR"}, source=SCENARIOS),
        Reason(
            code="interop.explain.amount",
            params={"price": "12.00 EUR", "quantity": Decimal(10), "amount": Money(120, "EUR")},
            source=SUBTOTAL,
        ),
        Reason(
            code="interop.explain.tax",
            params={"tax": Money(0, "EUR"), "total": Money(120, "EUR")},
            source=RECON,
        ),
    )


def test_a_discounted_price_that_fits_no_cycle_is_given_as_the_reconciliation_file_bills_it() -> None:
    line = charge(effective_unit_price=Money("-7.00", "EUR"), subtotal=Money("-70.00", "EUR"))
    assert explain_charge_reasons(line, locale="en_US")[2:4] == (
        Reason(code="interop.explain.as_billed", params={"price": "7.00 EUR"}, source=RECON),
        Reason(
            code="interop.explain.amount",
            params={"price": "7.00 EUR", "quantity": Decimal(10), "amount": Money("70.00", "EUR")},
            source=SUBTOTAL,
        ),
    )


def test_explain_charge_renders_the_reasons_one_a_line() -> None:
    line = charge()
    assert explain_charge(line, locale="en_US").splitlines() == [
        "Microsoft 365 Business Standard: seats removed.",
        "Period: Mar 7, 2022 – Apr 4, 2022 (29 days).",
        "Price per unit: 12.00 EUR ÷ 31 days of the charge cycle × 29 days = 11.2258 EUR.",
        "Amount: 11.2258 EUR × 10 = €112.25, rounded down to the cent.",
        "This line is a refund: €112.25 is credited to you.",
        "Tax: €0.00. Total: -€112.25.",
    ]


@pytest.mark.parametrize("explain", [explain_charge, explain_charge_reasons])
def test_something_other_than_a_charge_line_is_refused_as_line(explain: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        explain("x", locale="en_US")  # type: ignore[operator]
    error = caught.value
    assert (error.field, error.code, error.value, error.code) == (
        "line",
        ErrorCode.WRONG_TYPE,
        "x",
        ErrorCode.WRONG_TYPE,
    )


# A one-day charge of 0.30 EUR is 0.0097, 0.0008 or 0.0003 EUR a day: each cycle shows as the stated 0.00,
# so the line's billing frequency and term choose the cycle (the start month's unless they name a longer one).
@pytest.mark.parametrize(
    ("billing_frequency", "term_and_billing_cycle", "cycle_days"),
    [
        (None, None, 31),
        ("Monthly", None, 31),
        ("Annual", None, 365),
        ("Triennial", None, 1096),
        (None, "Three-Year commitment", 1096),
        (None, "One-Year commitment", 365),
        ("Monthly", "One-Year commitment for monthly/yearly billing", 31),
        ("Annual", "One-Year commitment for monthly/yearly billing", 365),
    ],
)
def test_when_every_cycle_fits_the_lines_billing_frequency_and_term_choose_it(
    billing_frequency: str | None, term_and_billing_cycle: str | None, cycle_days: int
) -> None:
    line = charge(
        unit_price=Money("0.30", "EUR"),
        effective_unit_price=Money("0.00", "EUR"),
        quantity=Decimal(1),
        subtotal=Money("0.00", "EUR"),
        charge_start=dt.date(2023, 1, 10),
        charge_end=dt.date(2023, 1, 10),
        billing_frequency=billing_frequency,
        term_and_billing_cycle=term_and_billing_cycle,
    )
    prorated = explain_charge_reasons(line, locale="en_US")[2]
    assert (prorated.code, prorated.params["cycle_days"]) == ("interop.explain.prorated", cycle_days)


def test_a_stated_price_without_decimals_matches_a_proration_rounded_to_the_unit() -> None:
    # 319.30 / 31 × 1 = 10.3, shown as 10: the line is a one-day proration of a 31-day cycle.
    line = charge(
        unit_price=Money("319.30", "EUR"),
        effective_unit_price=Money("10", "EUR"),
        quantity=Decimal(1),
        subtotal=Money("10.30", "EUR"),
        charge_start=dt.date(2023, 1, 10),
        charge_end=dt.date(2023, 1, 10),
    )
    prorated = explain_charge_reasons(line, locale="en_US")[2]
    assert prorated == Reason(
        code="interop.explain.prorated",
        params={"unit_price": "319.30 EUR", "cycle_days": 31, "days": 1, "price": "10.30 EUR"},
        source=SCENARIOS,
    )


def test_a_stated_price_with_a_positive_exponent_is_still_matched_to_the_unit() -> None:
    # 372 / 31 × 1 = 12, which is not the stated 1E+1 (ten), whatever its exponent says about precision.
    line = charge(
        unit_price=Money(372, "EUR"),
        effective_unit_price=Money(Decimal("1E+1"), "EUR"),
        quantity=Decimal(1),
        subtotal=Money(10, "EUR"),
        charge_start=dt.date(2023, 1, 10),
        charge_end=dt.date(2023, 1, 10),
    )
    assert explain_charge_reasons(line, locale="en_US")[2] == Reason(
        code="interop.explain.as_billed", params={"price": "10.00 EUR"}, source=RECON
    )


@pytest.mark.parametrize(
    "line",
    [
        charge(),
        charge(
            unit_price=Money("10.08", "EUR"),
            effective_unit_price=Money("-9.42", "EUR"),
            subtotal=Money("-94.2", "EUR"),
        ),
        charge(
            unit_price=Money("1234.56", "EUR"),
            effective_unit_price=Money("1234.56", "EUR"),
            quantity=Decimal(10),
            subtotal=Money("12345.60", "EUR"),
        ),
        charge(
            unit_price=Money("1234.56", "EUR"),
            effective_unit_price=Money("1154.911", "EUR"),
            quantity=Decimal(10),
            subtotal=Money("11549.10", "EUR"),
        ),
    ],
    ids=["line-total-first", "price-first", "full-cycle", "four-digit-proration"],
)
def test_the_ambient_decimal_context_changes_nothing(line: ChargeLine) -> None:
    expected = (explain_charge_reasons(line, locale="en_US"), explain_charge(line, locale="cs_CZ"))
    with decimal.localcontext(HOSTILE):
        actual = (explain_charge_reasons(line, locale="en_US"), explain_charge(line, locale="cs_CZ"))
    assert expected == actual


def test_under_a_floor_rounding_context_the_price_per_unit_is_still_shown_half_up() -> None:
    # 10.08 / 31 × 29 = 9.42967..., shown to four decimals half-up as 9.4297 (floor would give 9.4296).
    line = charge(
        unit_price=Money("10.08", "EUR"),
        effective_unit_price=Money("-9.42", "EUR"),
        subtotal=Money("-94.2", "EUR"),
    )
    with decimal.localcontext(HOSTILE):
        lines = explain_charge(line, locale="en_US").splitlines()
    assert lines[2:4] == [
        "Price per unit: 10.08 EUR ÷ 31 days of the charge cycle × 29 days = 9.4297 EUR.",
        "Amount: 9.42 EUR (price per unit rounded down to the cent) × 10 = €94.20.",
    ]


def test_a_price_per_unit_beyond_four_decimals_is_shown_rounded_half_up() -> None:
    # 7.00125 is exactly half-way: half up gives 7.0013 (half even would give 7.0012).
    line = charge(effective_unit_price=Money("-7.00125", "EUR"), subtotal=Money("-70.01", "EUR"))
    assert explain_charge_reasons(line, locale="en_US")[2:4] == (
        Reason(code="interop.explain.as_billed", params={"price": "7.0013 EUR"}, source=RECON),
        Reason(
            code="interop.explain.amount_line_first",
            params={"price": "7.0013 EUR", "quantity": Decimal(10), "amount": Money("70.01", "EUR")},
            source=SUBTOTAL,
        ),
    )
