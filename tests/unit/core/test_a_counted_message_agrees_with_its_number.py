"""A message about a number of days, hours or invoices words them as the language does for that number.

The rules (babel's, from CLDR): English and Hungarian have one form for 1 and another for the rest, and
Hungarian keeps the noun singular after any number (``5 nap``); Czech says 1 den, 2-4 dny, 5 and more dní
(22 too); Polish says 1 dzień/godzinę/fakturę, then the "few" form for numbers ending in 2-4 except 12-14
(2, 22: ``godziny``) and the "many" form for the rest (5, 12: ``godzin``); Japanese has one form.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cspcore import ErrorCode, InvalidInput, Reason
from cspcore.i18n import render


def _days_left(days: object, locale: str) -> str:
    return render(
        Reason(code="roles.gdap.expiry_notice", params={"customer": "c1", "end": "E", "days": days}),
        locale=locale,
    )


def _response_hours(hours: object, locale: str) -> str:
    reason = Reason(code="support.route.initial_response", params={"severity": "A", "hours": hours})
    return render(reason, locale=locale)


def _overdue_invoices(count: object, locale: str) -> str:
    reason = Reason(
        code="billing.collections.held_back_invoices", params={"stage": "S", "count": count, "needed": 30}
    )
    return render(reason, locale=locale)


#: (what is counted, locale, number → the words it must be shown with)
FORMS = [
    ("days", "en_US", {1: "1 day.", 2: "2 days.", 5: "5 days.", 22: "22 days."}),
    ("days", "cs_CZ", {1: "1 den.", 2: "2 dny.", 5: "5 dní.", 22: "22 dní."}),
    ("days", "pl_PL", {1: "1 dzień.", 2: "2 dni.", 5: "5 dni.", 22: "22 dni."}),
    ("days", "hu_HU", {1: "1 nap van", 2: "2 nap van", 5: "5 nap van", 22: "22 nap van"}),
    ("days", "ja_JP", {1: "残り 1 日", 2: "残り 2 日", 5: "残り 5 日", 22: "残り 22 日"}),
    ("hours", "en_US", {1: "1 hour ", 2: "2 hours ", 5: "5 hours ", 12: "12 hours ", 22: "22 hours "}),
    ("hours", "cs_CZ", {1: "1 hodina ", 2: "2 hodiny ", 5: "5 hodin ", 12: "12 hodin ", 22: "22 hodin "}),
    (
        "hours",
        "pl_PL",
        {1: "1 godzinę ", 2: "2 godziny ", 5: "5 godzin ", 12: "12 godzin ", 22: "22 godziny "},
    ),
    ("hours", "hu_HU", {1: "1 óra ", 2: "2 óra ", 5: "5 óra ", 12: "12 óra ", 22: "22 óra "}),
    ("hours", "ja_JP", {1: "1 時間", 2: "2 時間", 5: "5 時間", 12: "12 時間", 22: "22 時間"}),
    (
        "invoices",
        "en_US",
        {1: "1 invoice is", 2: "2 invoices are", 5: "5 invoices are", 22: "22 invoices are"},
    ),
    ("invoices", "cs_CZ", {1: "je 1 faktura", 2: "jsou 2 faktury", 5: "je 5 faktur", 22: "je 22 faktur"}),
    ("invoices", "pl_PL", {1: "jest 1 faktura", 2: "są 2 faktury", 5: "jest 5 faktur", 22: "są 22 faktury"}),
    (
        "invoices",
        "hu_HU",
        {1: "1 lejárt számla", 2: "2 lejárt számla", 5: "5 lejárt számla", 22: "22 lejárt számla"},
    ),
    ("invoices", "ja_JP", {1: "1 件", 2: "2 件", 5: "5 件", 22: "22 件"}),
]


@pytest.mark.parametrize(("counted", "locale", "words"), FORMS)
def test_a_counted_noun_takes_the_form_of_its_number(
    counted: str, locale: str, words: dict[int, str]
) -> None:
    sentence = {"days": _days_left, "hours": _response_hours, "invoices": _overdue_invoices}[counted]
    for number, wording in words.items():
        assert wording in sentence(number, locale), (locale, number)


def test_a_language_without_a_catalog_takes_the_english_forms() -> None:
    assert _days_left(1, "de_DE") == _days_left(1, "en_US")
    assert _days_left(3, "de_DE") == _days_left(3, "en_US")


def test_the_number_may_be_a_whole_decimal_and_its_sign_does_not_pick_the_form() -> None:
    assert _days_left(Decimal("22.00"), "pl_PL").endswith(" 22 dni.")
    assert _days_left(-1, "cs_CZ").endswith("-1 den.")
    assert _days_left(-5, "cs_CZ").endswith("-5 dní.")


@pytest.mark.parametrize("days", [Decimal("1.5"), Decimal("NaN"), Decimal("1e999"), "2", None, True])
def test_a_number_that_is_not_whole_cannot_pick_a_form(days: object) -> None:
    with pytest.raises(InvalidInput) as error:
        _days_left(days, "pl_PL")
    assert error.value.field == "reason.params.days"


def test_a_missing_number_is_refused() -> None:
    reason = Reason(code="roles.gdap.expiry_notice", params={"customer": "c1", "end": "E"})
    with pytest.raises(InvalidInput) as error:
        render(reason, locale="pl_PL")
    assert (error.value.field, error.value.code) == ("reason.params", ErrorCode.MISSING)


def test_str_of_a_reason_is_its_english_sentence_with_the_right_form() -> None:
    assert str(Reason(code="support.route.initial_response", params={"severity": "A", "hours": 1})).endswith(
        "is 1 hour (English-language break-fix support)."
    )
