"""How ``cspcore.support.offering`` refuses bad input, and where its limits lie.

Each bad input is pinned by the field it names and the whole message a caller sees; each length and
digit limit is pinned on both sides.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.errors import InvalidInput
from cspcore.support import (
    Issue,
    Pricing,
    PricingModel,
    Severity,
    SupportOffering,
    SupportProfile,
    initial_response_due,
)

if TYPE_CHECKING:
    from collections.abc import Callable

MONDAY_9 = dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC)


def offering(**changes: Any) -> SupportOffering:
    fields: dict[str, Any] = {
        "support_types": {"technical"},
        "hours": None,
        "contact_methods": {"email"},
        "languages": ("en",),
        "pricing": Pricing.included(),
        **changes,
    }
    return SupportOffering(**fields)


BAD: list[tuple[str, Callable[[], object], str, ErrorCode]] = [
    (
        "an unknown pricing model",
        lambda: Pricing(model="free"),  # type: ignore[arg-type]
        "model",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "a price on included support",
        lambda: Pricing(model="included", price=Money("5", "EUR")),
        "price",
        ErrorCode.NOT_ALLOWED,
    ),
    (
        "charged support without a price",
        lambda: Pricing(model="perHour"),
        "price",
        ErrorCode.MISSING,
    ),
    (
        "a price that is not Money",
        lambda: Pricing(model="perHour", price="5"),  # type: ignore[arg-type]
        "price",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a zero price",
        lambda: Pricing(model="perHour", price=Money("0", "EUR")),
        "price",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "support types given as one string",
        lambda: offering(support_types="technical"),
        "support_types",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an unknown support type",
        lambda: offering(support_types={"phone"}),
        "support_types",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "no support types",
        lambda: offering(support_types=set()),
        "support_types",
        ErrorCode.EMPTY,
    ),
    (
        "no contact methods",
        lambda: offering(contact_methods=[]),
        "contact_methods",
        ErrorCode.EMPTY,
    ),
    (
        "an unknown round-the-clock severity",
        lambda: offering(round_the_clock={"D"}),
        "round_the_clock",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "round-the-clock severities given as one string",
        lambda: offering(round_the_clock="A"),
        "round_the_clock",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a zero target for issues without a severity",
        lambda: offering(unresolved_kind_target=dt.timedelta(0)),
        "unresolved_kind_target",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "languages given as one string",
        lambda: offering(languages="en"),
        "languages",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a language that is not a string",
        lambda: offering(languages=("en", 3)),
        "languages",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "no languages",
        lambda: offering(languages=()),
        "languages",
        ErrorCode.EMPTY,
    ),
    (
        "targets that are not a mapping",
        lambda: offering(targets=[1]),
        "targets",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a target for an unknown severity",
        lambda: offering(targets={"D": dt.timedelta(hours=1)}),
        "targets",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "a zero target",
        lambda: offering(targets={"A": dt.timedelta(0)}),
        "targets[A]",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "an issue that is not an Issue",
        lambda: initial_response_due("x", MONDAY_9, offering()),  # type: ignore[arg-type]
        "issue",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an offering that is not a SupportOffering",
        lambda: initial_response_due(Issue(kind="billing", product="azure"), MONDAY_9, "x"),  # type: ignore[arg-type]
        "offering",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an email that is not a string",
        lambda: SupportProfile(email=3),  # type: ignore[arg-type]
        "email",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an email without a domain",
        lambda: SupportProfile(email="x@y"),
        "email",
        ErrorCode.MALFORMED,
    ),
    (
        "a telephone that is not a string",
        lambda: SupportProfile(telephone=3),  # type: ignore[arg-type]
        "telephone",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a telephone with five digits",
        lambda: SupportProfile(telephone="12345"),
        "telephone",
        ErrorCode.MALFORMED,
    ),
    (
        "a telephone with sixteen digits",
        lambda: SupportProfile(telephone="1234567890123456"),
        "telephone",
        ErrorCode.MALFORMED,
    ),
    (
        "a website that is not a string",
        lambda: SupportProfile(website=3),  # type: ignore[arg-type]
        "website",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a website that is not http(s)",
        lambda: SupportProfile(website="ftp://a.example"),
        "website",
        ErrorCode.MALFORMED,
    ),
    (
        "a profile without any contact",
        SupportProfile,
        "profile",
        ErrorCode.MISSING,
    ),
]


@pytest.mark.parametrize(("build", "field", "code"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_input_is_refused_naming_its_field_and_value(
    build: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build()
    assert (field, code) == (caught.value.field, caught.value.code)


LONGEST = "x" * 35
LONGEST_EMAIL = "a@" + "b" * 249 + ".cz"
LONGEST_TELEPHONE = "+420 (800) 123-456" + " " * 22
LONGEST_WEBSITE = "https://a.cz/" + "x" * 2035


@pytest.mark.parametrize(
    ("field", "build", "longest", "limit"),
    [
        ("languages", lambda text: offering(languages=(text,)).languages[0], LONGEST, 35),
        ("email", lambda text: SupportProfile(email=text).email, LONGEST_EMAIL, 254),
        ("telephone", lambda text: SupportProfile(telephone=text).telephone, LONGEST_TELEPHONE, 40),
        ("website", lambda text: SupportProfile(website=text).website, LONGEST_WEBSITE, 2048),
    ],
)
def test_text_fields_take_their_longest_value_and_refuse_one_character_more(
    field: str, build: Callable[[str], object], longest: str, limit: int
) -> None:
    assert (limit, longest.strip()) == (len(longest), build(longest))
    with raises_invalid(field=field, code=ErrorCode.TOO_LONG) as caught:
        build(longest + "x")
    assert caught.value.value == longest + "x"


@pytest.mark.parametrize("telephone", ["123456", "+123456789012345"])
def test_a_telephone_number_may_have_six_to_fifteen_digits(telephone: str) -> None:
    assert telephone == SupportProfile(telephone=telephone).telephone


@pytest.mark.parametrize(
    "profile",
    [
        {"email": "help@contoso.example"},
        {"telephone": "+420 800 123 456"},
        {"website": "https://contoso.example/help"},
    ],
)
def test_one_way_of_contact_is_enough_for_a_support_profile(profile: dict[str, str]) -> None:
    assert len(SupportProfile(**profile).contact_methods) == 1


def test_a_price_below_one_unit_is_still_a_positive_price() -> None:
    assert Money("0.50", "EUR") == Pricing(model=PricingModel.PER_INCIDENT, price=Money("0.50", "EUR")).price


def test_a_billing_issue_with_a_severity_uses_the_target_for_issues_without_one() -> None:
    issue = Issue(kind="billing", product="azure", severity=Severity.A)
    expected = MONDAY_9 + dt.timedelta(hours=8)
    assert expected == initial_response_due(issue, MONDAY_9, offering())
