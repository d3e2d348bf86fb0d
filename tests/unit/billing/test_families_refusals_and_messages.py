"""Product-family questions refuse bad input with a typed error, and explain themselves in five locales."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore.billing import ProductFamily, RefundKind, RefundRoute, family_policy, refund_quote
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, label, messages, render

if TYPE_CHECKING:
    from collections.abc import Callable

BOUGHT = dt.datetime(2023, 3, 15, 11, tzinfo=dt.UTC)
NAIVE = dt.datetime(2023, 1, 1)  # noqa: DTZ001 - refused

REFUSALS: list[tuple[str, Callable[[], object], str, ErrorCode]] = [
    (
        "unknown family",
        lambda: family_policy("hardware", on=dt.date(2023, 1, 1)),
        "family",
        ErrorCode.UNKNOWN_VALUE,
    ),
    ("day as instant", lambda: family_policy("marketplace saas", on=BOUGHT), "on", ErrorCode.WRONG_TYPE),
    (
        "saas before its documented rules",
        lambda: family_policy(ProductFamily.MARKETPLACE_SAAS, on=dt.date(2021, 9, 30)),
        "on",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "naive purchase",
        lambda: refund_quote("perpetual software", purchased_at=NAIVE, at=BOUGHT),
        "purchased_at",
        ErrorCode.NAIVE_DATETIME,
    ),
    (
        "cancelled before bought",
        lambda: refund_quote("perpetual software", purchased_at=BOUGHT, at=BOUGHT - dt.timedelta(seconds=1)),
        "at",
        ErrorCode.INCONSISTENT,
    ),
    (
        "unknown term",
        lambda: refund_quote("marketplace saas", purchased_at=BOUGHT, at=BOUGHT, term="P2W"),
        "term",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "window past year 9999",
        lambda: refund_quote(
            "perpetual software",
            purchased_at=dt.datetime(9999, 12, 31, tzinfo=dt.UTC),
            at=dt.datetime(9999, 12, 31, 1, tzinfo=dt.UTC),
        ),
        "purchased_at",
        ErrorCode.OUT_OF_RANGE,
    ),
]


@pytest.mark.parametrize(("name", "action", "field", "code"), REFUSALS, ids=[row[0] for row in REFUSALS])
def test_bad_input_is_refused_with_its_field_and_code(
    name: str, action: Callable[[], object], field: str, code: ErrorCode
) -> None:
    del name
    with pytest.raises(InvalidInput) as refused:
        action()
    assert (field, code) == (refused.value.field, refused.value.code)


FAMILY_CODES = [
    "billing.family.full_refund",
    "billing.family.prorated_refund",
    "billing.family.window_passed",
    "billing.family.no_window",
    "billing.family.route_none",
    "billing.family.route_support",
    "billing.family.route_publisher",
    "billing.family.conflicting_page",
    "billing.cancel.rule_version",
    "billing.seats.rule_version",
]


@pytest.mark.parametrize("code", FAMILY_CODES)
def test_every_family_message_is_in_every_catalog(code: str) -> None:
    for language in CATALOG_LANGUAGES:
        assert code in messages(language, "billing"), language


@pytest.mark.parametrize("enum_class", [ProductFamily, RefundKind, RefundRoute])
def test_every_family_enum_member_has_a_label_in_every_language(enum_class: type[ProductFamily]) -> None:
    for member in enum_class:
        for language in CATALOG_LANGUAGES:
            assert f"label.{enum_class.__name__}.{member.name}" in messages(language, "billing"), language
    assert label(ProductFamily.AZURE_RESERVATION, locale="pl_PL") == "rezerwacja Azure"


@pytest.mark.parametrize("family", list(ProductFamily))
@pytest.mark.parametrize("hours", [1, 100, 400, 800])
def test_every_quote_renders_in_every_locale_without_placeholders(family: ProductFamily, hours: int) -> None:
    quote = refund_quote(family, purchased_at=BOUGHT, at=BOUGHT + dt.timedelta(hours=hours), term="P1Y")
    for reason in quote.reasons:
        texts = {render(reason, locale=locale) for locale in SUPPORTED_LOCALES}
        assert len(texts) == len(SUPPORTED_LOCALES)
        assert not any("{" in text or reason.code in text for text in texts)
