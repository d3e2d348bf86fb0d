"""The interop demo: the embedded March 2022 month, reconciled, in every locale."""

from __future__ import annotations

import pytest

from cspcore.i18n import SUPPORTED_LOCALES
from cspcore.interop import parse_recon_rows
from cspcore.interop._demo import SAMPLE_MONTH, demo


def test_the_demo_finds_the_partners_one_cent_slip_and_thirty_seats() -> None:
    text = demo(locale="en_US")
    lines = text.splitlines()
    assert lines[0] == "Reconciliation of Mar 2022: 11 expected lines, 11 billed lines"
    assert lines[1].endswith("Subtotal is €213.67, expected €213.66.")
    assert lines[2].endswith("Total is €213.67, expected €213.66.")
    assert lines[3] == "Seats at the end of the period on 284b0ff0: 30."
    assert "Amount: 11.2258 EUR × 15 = €168.38, rounded down to the cent." in text


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_demo_renders_in_every_locale(locale: str) -> None:
    text = demo(locale=locale)
    assert "interop." not in text
    assert "30" in text
    assert len(text.splitlines()) == 10


def test_the_embedded_month_is_microsofts_table() -> None:
    lines = parse_recon_rows(SAMPLE_MONTH)
    assert [line.quantity for line in lines][-1] == 30
    assert sum(line.subtotal.amount for line in lines) == sum(line.total.amount for line in lines)
