"""Each section of ``cspcore demo`` renders in every locale, with no message id or placeholder left."""

from __future__ import annotations

import pytest

from cspcore.cli.demos import billing, interop, ledger, roles, support
from cspcore.i18n import SUPPORTED_LOCALES
from cspcore.interop import parse_recon_rows

# -- billing: a year of a subscription


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_billing_demo_tells_a_year_of_a_subscription_in_each_locale(locale: str) -> None:
    text = billing.demo(locale=locale)
    lines = text.splitlines()
    assert len(lines) == 3 + 14 + 1
    assert "Microsoft 365 Business Standard" in lines[0]
    assert "billing." not in text
    assert "cli." not in text
    assert text == billing.demo(locale=locale)


# -- ledger and collections: the standing of three accounts


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_ledger_demo_shows_each_sample_account_in_every_locale(locale: str) -> None:
    text = ledger.demo(locale=locale)
    assert all(name in text for name in ("Contoso", "Fabrikam", "Northwind"))
    assert "billing." not in text
    assert "{" not in text


def test_the_ledger_demo_puts_the_unpaid_account_in_a_severe_stage() -> None:
    lines = ledger.demo(locale="en_US").splitlines()
    northwind = next(line for line in lines if line.startswith("Northwind"))
    contoso = next(line for line in lines if line.startswith("Contoso"))
    assert "suspend" in northwind
    assert "| - | -" in contoso


# -- interop: the embedded March 2022 month, reconciled


def test_the_interop_demo_finds_the_partners_one_cent_slip_and_thirty_seats() -> None:
    text = interop.demo(locale="en_US")
    lines = text.splitlines()
    assert lines[0] == "Reconciliation of Mar 2022: 11 expected lines, 11 billed lines"
    assert lines[1].endswith("Subtotal is €213.67, expected €213.66.")
    assert lines[2].endswith("Total is €213.67, expected €213.66.")
    assert lines[3] == "Seats at the end of the period on 284b0ff0: 30."
    assert "Amount: 11.2258 EUR × 15 = €168.38, rounded down to the cent." in text


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_interop_demo_renders_in_every_locale(locale: str) -> None:
    text = interop.demo(locale=locale)
    assert "interop." not in text
    assert "cli." not in text
    assert "30" in text
    assert len(text.splitlines()) == 10


def test_the_embedded_month_is_microsofts_table() -> None:
    lines = parse_recon_rows(interop.SAMPLE_MONTH)
    assert [line.quantity for line in lines][-1] == 30
    assert sum(line.subtotal.amount for line in lines) == sum(line.total.amount for line in lines)


# -- roles: one least-privilege answer


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_roles_demo_renders_in_every_locale(locale: str) -> None:
    text = roles.demo(locale=locale)
    assert len(text.splitlines()) == 6
    assert "roles." not in text
    assert "cli." not in text


def test_the_roles_demo_shows_one_least_privilege_answer() -> None:
    assert roles.demo(locale="en_US").splitlines()[2] == "Grant: User administrator"


def test_the_roles_demo_speaks_japanese() -> None:
    assert roles.demo(locale="ja_JP").splitlines()[2] == "付与: ユーザー管理者"


# -- support: four issues routed, with their first answer's due time


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_support_demo_routes_the_samples_in_every_locale(locale: str) -> None:
    text = support.demo(locale=locale)
    assert sum(line.startswith("- ") for line in text.splitlines()) == 4
    assert "{" not in text
    assert "label." not in text
    assert "cli." not in text


def test_the_support_demo_counts_business_hours_across_easter_and_dst() -> None:
    assert "4/2/24, 4:00\u202fPM" in support.demo(locale="en_US")


def test_the_support_demo_titles_and_due_times_are_in_the_locales_language() -> None:
    titles = {support.demo(locale=locale).splitlines()[0] for locale in SUPPORTED_LOCALES}
    assert len(titles) == len(SUPPORTED_LOCALES)
    assert "první odpověď do" in support.demo(locale="cs_CZ")
    assert support.demo(locale="de_DE").splitlines()[0] == support.demo(locale="en_US").splitlines()[0]
