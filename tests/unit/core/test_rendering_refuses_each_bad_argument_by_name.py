"""Rendering refuses a bad reason, parameter or template under its name, with its code and value; each kind of
parameter is formatted for the locale; an enum's labels come from the catalog of its area."""

from __future__ import annotations

import enum
import types
from decimal import Decimal
from typing import Any

import pytest
from babel.lists import format_list
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Reason
from cspcore.i18n import label, placeholders, render

#: A plural message: its ``days`` parameter picks the form.
EXPIRY = "roles.gdap.expiry_notice"


def test_anything_but_a_code_and_a_mapping_of_params_is_refused_showing_it() -> None:
    for given in (
        "core.x",
        types.SimpleNamespace(code="core.x", params=[("a", 1)]),
        types.SimpleNamespace(code=1, params={}),
    ):
        with raises_invalid(field="reason", code=ErrorCode.WRONG_TYPE) as caught:
            render(given, locale="en_US")  # type: ignore[arg-type]
        assert caught.value.value is given


def test_a_code_outside_the_catalog_domains_is_refused() -> None:
    with raises_invalid(field="domain", code=ErrorCode.UNKNOWN_VALUE) as caught:
        render(Reason(code="nope.thing", params={}), locale="en_US")
    assert caught.value.value == "nope"


def test_a_missing_parameter_is_refused_showing_the_params_given() -> None:
    params = {"customer": "c1", "end": "1.7."}
    with raises_invalid(field="reason.params", code=ErrorCode.MISSING) as counted:
        render(Reason(code=EXPIRY, params=params), locale="pl_PL")
    with raises_invalid(field="reason.params", code=ErrorCode.MISSING) as placed:
        render(Reason(code="core.money.currency_mismatch", params={"left": "EUR"}), locale="en_US")
    assert (counted.value.value, placed.value.value) == (params, {"left": "EUR"})


@pytest.mark.parametrize("days", [Decimal("1.5"), "2", True], ids=repr)
def test_the_number_that_picks_a_plural_form_must_be_whole(days: object) -> None:
    with raises_invalid(field="reason.params.days", code=ErrorCode.WRONG_TYPE) as caught:
        render(Reason(code=EXPIRY, params={"customer": "c1", "end": "1.7.", "days": days}), locale="pl_PL")
    assert caught.value.value == days


def test_a_whole_decimal_or_a_negative_number_picks_the_form_of_its_magnitude() -> None:
    def expiry(days: object) -> str:
        return render(
            Reason(code=EXPIRY, params={"customer": "c1", "end": "1.7.", "days": days}), locale="pl_PL"
        )

    assert expiry(Decimal("2.0")).endswith("2 dni.")
    assert expiry(-5).endswith("-5 dni.")


def test_each_kind_of_parameter_is_formatted_for_the_locale() -> None:
    reason = Reason(
        code="core.unknown.thing", params={"flag": True, "xs": ("a", "b"), "n": Decimal("1234.5")}
    )
    both = format_list(["a", "b"], locale="cs_CZ")  # CLDR's list pattern, as babel gives it
    assert render(reason, locale="cs_CZ") == f"core.unknown.thing(flag=True, xs={both}, n=1\xa0234,5)"
    assert both != format_list(["a", "b"], locale="en_US")


def test_placeholders_of_an_empty_template_are_none_and_a_template_must_be_text() -> None:
    assert placeholders("") == frozenset()
    with raises_invalid(field="template", code=ErrorCode.WRONG_TYPE) as caught:
        placeholders(5)  # type: ignore[arg-type]
    assert caught.value.value == 5


def test_label_refuses_what_is_not_an_enum_member() -> None:
    with raises_invalid(field="member", code=ErrorCode.WRONG_TYPE) as caught:
        label("HALF_UP", locale="en_US")  # type: ignore[arg-type]
    assert caught.value.value == "HALF_UP"


def area_enum(module: str) -> Any:
    """An enum spelt like cspcore.billing's ``Action``, defined in ``module``."""
    Action: Any = enum.Enum("Action", {"REMIND": "remind-value"}, module=module)  # noqa: N806 - its class name
    return Action.REMIND


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("cspcore.billing", "payment reminder"),
        ("cspcore.billing.collections.policy", "payment reminder"),
        ("cspcore.nothing", "remind-value"),
        ("elsewhere", "remind-value"),
    ],
)
def test_an_enums_area_is_the_second_part_of_its_module(module: str, expected: str) -> None:
    assert label(area_enum(module), locale="en_US") == expected
