"""explain_charge: the customer's answer to "why was I charged this?"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, messages, placeholders
from cspcore.interop import explain_charge


def charge(**changes: object) -> ChargeLine:
    fields: dict[str, object] = {
        "order_date": dt.date(2022, 3, 7),
        "charge_type": ChargeType.ADD_QUANTITY,
        "product": "Microsoft 365 Business Standard",
        "subscription_id": "s1",
        "unit_price": Money(12, "EUR"),
        "effective_unit_price": Money("-11.23", "EUR"),
        "quantity": Decimal(10),
        "subtotal": Money("-112.25", "EUR"),
        "charge_start": dt.date(2022, 3, 7),
        "charge_end": dt.date(2022, 4, 4),
    }
    fields.update(changes)
    return ChargeLine(**fields)  # type: ignore[arg-type]


def test_a_seat_refund_is_explained_in_czech_with_period_days_formula_and_amount() -> None:
    text = explain_charge(charge(), locale="cs_CZ")
    assert text.splitlines() == [
        "Microsoft 365 Business Standard: přidané licence.",
        "Období: 7. 3. 2022 – 4. 4. 2022 (29 dní).",
        "Cena za jednotku: 12,00 EUR ÷ 31 dní fakturačního cyklu × 29 dní = 11,2258 EUR.",
        "Částka: 11,2258 EUR × 10 = 112,25\xa0€, zaokrouhleno dolů na haléře.",
        "Tato položka je vratka: 112,25\xa0€ vám bude připsáno.",
        "Daň: 0,00\xa0€. Celkem: -112,25\xa0€.",
    ]


def test_a_cancellation_shows_the_price_rounded_down_first_when_that_is_how_it_was_billed() -> None:
    # common-billing-scenarios-onetime-recurring.md: 10.08 / 31 * 29, 10 seats, refund 94.2
    line = charge(
        charge_type=ChargeType.CANCEL_IMMEDIATE,
        unit_price=Money("10.08", "EUR"),
        effective_unit_price=Money("-9.42", "EUR"),
        subtotal=Money("-94.2", "EUR"),
        order_date=dt.date(2021, 7, 17),
        charge_start=dt.date(2021, 7, 17),
        charge_end=dt.date(2021, 8, 14),
    )
    lines = explain_charge(line, locale="en_US").splitlines()
    assert lines[2] == "Price per unit: 10.08 EUR ÷ 31 days of the charge cycle × 29 days = 9.4297 EUR."
    assert lines[3] == "Amount: 9.42 EUR (price per unit rounded down to the cent) × 10 = €94.20."


def test_a_full_cycle_charge_and_an_annual_proration_are_explained() -> None:
    full = charge(
        charge_type=ChargeType.NEW, effective_unit_price=Money(12, "EUR"), subtotal=Money(120, "EUR")
    )
    assert "Price per unit: 12.00 EUR for the whole charge cycle." in explain_charge(full, locale="en_US")
    annual = charge(
        unit_price=Money(365, "EUR"),
        effective_unit_price=Money(100, "EUR"),
        quantity=Decimal(2),
        subtotal=Money(200, "EUR"),
        charge_start=dt.date(2023, 1, 1),
        charge_end=dt.date(2023, 4, 10),
        billing_frequency="Annual",
    )
    text = explain_charge(annual, locale="en_US")
    assert "365.00 EUR ÷ 365 days of the charge cycle × 100 days = 100.00 EUR." in text
    assert "Amount: 100.00 EUR × 2 = €200.00." in text


def test_a_price_that_fits_no_cycle_is_shown_as_billed() -> None:
    discounted = charge(effective_unit_price=Money("-7.00", "EUR"), subtotal=Money("-70.00", "EUR"))
    assert "Price per unit, as billed: 7.00 EUR." in explain_charge(discounted, locale="en_US")
    triennial = charge(
        unit_price=Money(1096, "EUR"),
        effective_unit_price=Money(10, "EUR"),
        subtotal=Money(100, "EUR"),
        charge_start=dt.date(2024, 1, 1),
        charge_end=dt.date(2024, 1, 10),
        term_and_billing_cycle="Three-Year commitment",
    )
    assert "1,096.00 EUR ÷ 1,096 days" in explain_charge(triennial, locale="en_US")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("kind", list(ChargeType))
def test_every_charge_type_is_explained_in_every_locale(locale: str, kind: ChargeType) -> None:
    text = explain_charge(charge(charge_type=kind), locale=locale)
    assert "interop." not in text
    assert len(text.splitlines()) == 6


def test_bad_arguments_are_refused() -> None:
    with raises_invalid(field="line", code=ErrorCode.WRONG_TYPE):
        explain_charge("x", locale="en_US")  # type: ignore[arg-type]
    with raises_invalid(field="locale", code=ErrorCode.UNKNOWN_VALUE):
        explain_charge(charge(), locale="xx_NOPE")


def test_interop_catalogs_have_the_same_messages_and_placeholders_in_all_languages() -> None:
    english = messages("en", "interop")
    assert english
    for language in CATALOG_LANGUAGES:
        catalog = messages(language, "interop")
        assert catalog.keys() == english.keys(), language
        for key, template in catalog.items():
            assert placeholders(template) == placeholders(english[key]), (language, key)
