"""A refund quote names the window a cancellation falls in, when it ends (in the purchase's own zone),
and the page each reason comes from; bad instants are refused with their field, code and value.

Windows by family: ``billing-basics.md`` ("Subscription cancelation": 24 hours for a full refund, seven
days prorated, for license-based), ``csp-software-subscriptions.md`` (seven days for software
subscriptions, 30 days for perpetual software), ``azure-reservations-manage.md`` (reservations go to
Microsoft support).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore.billing import ProductFamily, RefundKind, RefundRoute, family_policy, refund_quote
from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable

PARIS_SUMMER = dt.timezone(dt.timedelta(hours=2))
BOUGHT = dt.datetime(2024, 6, 3, 9, tzinfo=PARIS_SUMMER)
HOUR = dt.timedelta(hours=1)


def refused(action: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        action()
    assert isinstance(caught.value.problem, str)
    return caught.value


@pytest.mark.parametrize(
    ("family", "after", "kind", "hours", "code"),
    [
        (ProductFamily.LICENSE_BASED, 1, RefundKind.FULL, 24, "billing.family.full_refund"),
        (ProductFamily.LICENSE_BASED, 30, RefundKind.PRORATED, 168, "billing.family.prorated_refund"),
        (ProductFamily.SOFTWARE_SUBSCRIPTION, 1, RefundKind.PRORATED, 168, "billing.family.prorated_refund"),
        (ProductFamily.PERPETUAL_SOFTWARE, 700, RefundKind.FULL, 720, "billing.family.full_refund"),
    ],
)
def test_a_cancellation_in_a_window_is_refunded_by_that_windows_rule(
    family: ProductFamily, after: int, kind: RefundKind, hours: int, code: str
) -> None:
    quote = refund_quote(family, purchased_at=BOUGHT, at=BOUGHT + after * HOUR)
    deadline = BOUGHT + hours * HOUR
    assert (quote.kind, quote.window_hours, quote.deadline) == (kind, hours, deadline)
    assert quote.deadline is not None
    assert quote.deadline.utcoffset() == BOUGHT.utcoffset()  # said in the zone the purchase was given in
    decision, route = quote.reasons[:2]
    policy = family_policy(family, on=BOUGHT.date())
    window = policy.full_refund if kind is RefundKind.FULL else policy.prorated_refund
    assert (decision.code, decision.source) == (code, window.source)
    assert (decision.params["hours"], decision.params["deadline"]) == (hours, deadline)
    assert (route.code, dict(route.params), route.source) == (
        "billing.family.route_none",
        {},
        policy.after_window.source,
    )


@pytest.mark.parametrize(
    ("family", "last_window"),
    [
        (ProductFamily.LICENSE_BASED, 168),  # the prorated window ends last
        (ProductFamily.SOFTWARE_SUBSCRIPTION, 168),  # only a prorated window
        (ProductFamily.PERPETUAL_SOFTWARE, 720),  # only a full-refund window
    ],
)
def test_after_the_windows_the_quote_names_the_last_one_and_its_page(
    family: ProductFamily, last_window: int
) -> None:
    quote = refund_quote(family, purchased_at=BOUGHT, at=BOUGHT + 1000 * HOUR)
    deadline = BOUGHT + last_window * HOUR
    assert (quote.kind, quote.window_hours, quote.deadline, quote.route) == (
        RefundKind.NONE,
        None,
        deadline,
        RefundRoute.NONE,
    )
    assert quote.deadline is not None
    assert quote.deadline.utcoffset() == BOUGHT.utcoffset()
    policy = family_policy(family, on=BOUGHT.date())
    last = policy.prorated_refund if policy.prorated_refund.value is not None else policy.full_refund
    decision = quote.reasons[0]
    assert (decision.code, decision.params["deadline"], decision.source) == (
        "billing.family.window_passed",
        deadline,
        last.source,
    )


def test_a_family_without_a_self_service_window_sends_the_request_to_support() -> None:
    quote = refund_quote(ProductFamily.AZURE_RESERVATION, purchased_at=BOUGHT, at=BOUGHT + HOUR)
    assert (quote.kind, quote.window_hours, quote.deadline, quote.route) == (
        RefundKind.NONE,
        None,
        None,
        RefundRoute.MICROSOFT_SUPPORT,
    )
    policy = family_policy(ProductFamily.AZURE_RESERVATION, on=BOUGHT.date())
    assert [(reason.code, reason.source) for reason in quote.reasons[:2]] == [
        ("billing.family.no_window", policy.prorated_refund.source),
        ("billing.family.route_support", policy.after_window.source),
    ]


FIRST_INSTANT = dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=1)))  # before year 1 in UTC
LAST_INSTANT = dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-1)))  # after year 9999 in UTC
NAIVE = dt.datetime(2024, 6, 3, 9)  # noqa: DTZ001 - refused
LAST_DAY = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("given", "field", "code", "value"),
    [
        ({"family": "hardware"}, "family", ErrorCode.UNKNOWN_VALUE, "hardware"),
        ({"at": NAIVE}, "at", ErrorCode.NAIVE_DATETIME, NAIVE),
        ({"purchased_at": FIRST_INSTANT}, "purchased_at", ErrorCode.OUT_OF_RANGE, FIRST_INSTANT),
        ({"at": LAST_INSTANT}, "at", ErrorCode.OUT_OF_RANGE, LAST_INSTANT),
        ({"at": BOUGHT - HOUR}, "at", ErrorCode.INCONSISTENT, BOUGHT - HOUR),
        ({"purchased_at": LAST_DAY, "at": LAST_DAY + HOUR}, "purchased_at", ErrorCode.OUT_OF_RANGE, LAST_DAY),
    ],
)
def test_bad_arguments_are_refused_with_their_field_code_and_value(
    given: dict[str, object], field: str, code: ErrorCode, value: object
) -> None:
    arguments: dict[str, object] = {
        "family": "perpetual software",
        "purchased_at": BOUGHT,
        "at": BOUGHT,
        **given,
    }
    family = arguments.pop("family")
    error = refused(lambda: refund_quote(family, **arguments))  # type: ignore[arg-type]
    assert (error.field, error.code, error.value) == (field, code, value)
