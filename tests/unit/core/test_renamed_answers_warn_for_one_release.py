"""Yes/no answers are named ``is_<adjective>``; the old names still work for one release, with a warning.

``allowed`` became ``is_allowed`` (an access decision, a credit check, a customer's self-service
decision, a support-contact designation) and ``ok`` became ``is_clean`` (a reconciliation) and
``is_consistent`` (a parsed file's consistency report).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import attrs
import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.billing.collections.microsoft import CreditCheck, credit_check
from cspcore.errors import ErrorCode
from cspcore.interop import reconcile
from cspcore.interop.consistency import ParseReport
from cspcore.roles import Decision, PartnerRole, Task, can
from cspcore.support.communication import (
    ContactDesignation,
    CustomerDecision,
    customer_can,
    designate_support_contact,
)

PRICE = Money("36.00", "EUR")
LINE = ChargeLine(
    order_date=dt.date(2024, 3, 5),
    charge_type=ChargeType.NEW,
    product="Microsoft 365 E3",
    subscription_id="sub-1",
    unit_price=PRICE,
    effective_unit_price=PRICE,
    quantity=1,
    subtotal=PRICE,
    charge_start=dt.date(2024, 3, 5),
    charge_end=dt.date(2024, 4, 4),
)

ALLOWED: list[Any] = [
    can([PartnerRole.GLOBAL_ADMIN], Task.VIEW_INVOICES),
    can([PartnerRole.SALES_AGENT], Task.DOWNLOAD_RECON_FILES),
    credit_check(Money(1000, "USD"), incoming_purchase=Money(200, "USD")),
    customer_can("configureServices"),
    designate_support_contact("partner"),
]


@pytest.mark.parametrize("answer", ALLOWED, ids=lambda answer: type(answer).__name__)
def test_allowed_is_the_deprecated_name_of_is_allowed(answer: Any) -> None:
    with pytest.warns(DeprecationWarning, match="is_allowed"):
        old = answer.allowed
    assert answer.is_allowed is old


@pytest.mark.parametrize("answer", ALLOWED, ids=lambda answer: type(answer).__name__)
def test_the_allowed_keyword_still_builds_the_same_answer_with_a_warning(answer: Any) -> None:
    fields = attrs.asdict(answer, recurse=False)
    fields["allowed"] = fields.pop("is_allowed")
    # The warning names the class the caller built, and what to write instead.
    owner = type(answer).__name__
    with pytest.warns(
        DeprecationWarning, match=rf"^{owner}\(allowed=\.\.\.\) is deprecated; pass is_allowed="
    ):
        rebuilt = type(answer)(**fields)
    assert answer == rebuilt


@pytest.mark.parametrize("cls", [Decision, CreditCheck, CustomerDecision, ContactDesignation])
def test_is_allowed_is_required_and_given_once(cls: Any) -> None:
    answer = next(a for a in ALLOWED if type(a) is cls)
    fields = attrs.asdict(answer, recurse=False)
    flag = fields.pop("is_allowed")
    with pytest.raises(InvalidInput) as missing:
        cls(**fields)
    with pytest.raises(InvalidInput) as both:
        cls(**fields, is_allowed=flag, allowed=flag)
    assert (
        (missing.value.field, missing.value.code),
        (both.value.field, both.value.code),
    ) == (("is_allowed", ErrorCode.MISSING), ("is_allowed", ErrorCode.INCONSISTENT))


def test_ok_is_the_deprecated_name_of_is_clean() -> None:
    report = reconcile([LINE], [LINE])
    with pytest.warns(DeprecationWarning, match="is_clean"):
        old = report.ok
    assert (report.is_clean, old) == (True, True)


def test_ok_is_the_deprecated_name_of_is_consistent() -> None:
    report = ParseReport(lines=(LINE,), issues=(), roundings=((),))
    with pytest.warns(DeprecationWarning, match="is_consistent"):
        old = report.ok
    assert (report.is_consistent, old) == (True, True)


#: mutmut's trampolines put a frame of their own between a mutated function and its caller, so a warning's
#: stacklevel cannot be checked under mutmut (docs/quality.md).
UNDER_MUTMUT = pytest.mark.skipif("MUTANT_UNDER_TEST" in os.environ, reason="mutmut adds a frame")


@UNDER_MUTMUT
@pytest.mark.parametrize("answer", ALLOWED, ids=lambda answer: type(answer).__name__)
def test_each_warning_points_at_the_line_that_uses_the_old_name(answer: Any) -> None:
    fields = attrs.asdict(answer, recurse=False)
    fields["allowed"] = fields.pop("is_allowed")
    with pytest.warns(DeprecationWarning, match="is_allowed") as read:
        answer.allowed  # noqa: B018 - the deprecated read is the point
    with pytest.warns(DeprecationWarning, match="is_allowed") as built:
        type(answer)(**fields)
    assert [w.filename for w in [*read, *built]] == [__file__, __file__]


@UNDER_MUTMUT
def test_the_renamed_properties_warn_at_the_readers_line() -> None:
    with pytest.warns(DeprecationWarning, match="is_clean") as clean:
        reconcile([LINE], [LINE]).ok  # noqa: B018 - the deprecated read is the point
    with pytest.warns(DeprecationWarning, match="is_consistent") as consistent:
        ParseReport(lines=(LINE,), issues=(), roundings=((),)).ok  # noqa: B018
    assert [w.filename for w in [*clean, *consistent]] == [__file__, __file__]


@pytest.mark.parametrize("cls", [Decision, CreditCheck, CustomerDecision, ContactDesignation])
def test_an_answer_given_under_both_names_is_refused_showing_the_old_ones_value(cls: Any) -> None:
    answer = next(a for a in ALLOWED if type(a) is cls)
    fields = attrs.asdict(answer, recurse=False)
    flag = fields.pop("is_allowed")
    with pytest.raises(InvalidInput) as both:
        cls(**fields, is_allowed=flag, allowed=not flag)
    refused = both.value
    assert (refused.field, refused.code, refused.value) == ("is_allowed", ErrorCode.INCONSISTENT, not flag)
