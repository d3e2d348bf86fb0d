from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.i18n import SUPPORTED_LOCALES, label, messages, render
from cspcore.support import (
    BusinessHours,
    ClockNotPaused,
    ClockPaused,
    ContactMethod,
    CustomerAction,
    Handler,
    Issue,
    Pricing,
    PricingModel,
    Severity,
    SlaClock,
    SupportOffering,
    SupportProfile,
    SupportType,
    Topic,
    communication_rule,
    customer_can,
    initial_response_due,
    who_communicates,
)
from cspcore.support.routing import Step

H = dt.timedelta(hours=1)
UTC_9_17 = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2024, 3, day, hour, tzinfo=dt.UTC)


def test_clock_counts_only_running_business_time() -> None:
    clock = SlaClock.start(4 * H, at=at(4, 9), hours=UTC_9_17)
    assert clock.elapsed(at=at(4, 11)) == 2 * H
    paused = clock.pause(at=at(4, 11))
    assert paused.is_paused
    assert paused.breach_at is None
    assert paused.elapsed(at=at(5, 16)) == 2 * H
    resumed = paused.resume(at=at(5, 9))
    assert at(5, 11) == resumed.breach_at
    assert not resumed.is_breached(at=at(5, 11))
    assert resumed.is_breached(at=at(5, 12))
    assert resumed.remaining(at=at(5, 12)) == -H


def test_breach_in_an_earlier_span_is_remembered() -> None:
    clock = SlaClock.start(2 * H, at=at(4, 9), hours=None).pause(at=at(4, 13))
    assert at(4, 11) == clock.breach_at
    assert at(4, 11) == clock.resume(at=at(4, 14)).breach_at


def test_clock_refuses_double_pause_resume_and_time_travel() -> None:
    clock = SlaClock.start(2 * H, at=at(4, 9), hours=None)
    with pytest.raises(ClockNotPaused) as not_paused:
        clock.resume(at=at(4, 10))
    assert not_paused.value.reasons[0].code == "support.sla.not_paused"
    paused = clock.pause(at=at(4, 10))
    with pytest.raises(ClockPaused):
        paused.pause(at=at(4, 11))
    with raises_invalid(field="at", code=ErrorCode.OUT_OF_ORDER):
        paused.resume(at=at(4, 9))
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        SlaClock.start(-H, at=at(4, 9), hours=None)


def test_clock_events_in_the_repeated_hour_are_ordered_by_instant() -> None:
    # New York fell back on 2007-11-04: 01:10 EST (fold=1, 06:10 UTC) is 20 minutes after 01:50 EDT.
    new_york = ZoneInfo("America/New_York")
    first_pass = dt.datetime(2007, 11, 4, 1, 50, tzinfo=new_york)
    second_pass = dt.datetime(2007, 11, 4, 1, 10, fold=1, tzinfo=new_york)
    clock = SlaClock.start(H, at=first_pass, hours=None)
    assert dt.timedelta(minutes=20) == clock.elapsed(at=second_pass)
    paused = clock.pause(at=second_pass)
    assert dt.timedelta(minutes=20) == paused.banked
    with raises_invalid(field="at", code=ErrorCode.OUT_OF_ORDER):
        clock.pause(at=first_pass - dt.timedelta(minutes=1))


def offering(**changes: object) -> SupportOffering:
    values: dict[str, object] = {
        "support_types": set(SupportType),
        "hours": UTC_9_17,
        "contact_methods": {ContactMethod.EMAIL},
        "languages": ("en",),
        "pricing": Pricing.included(),
    }
    values.update(changes)
    return SupportOffering(**values)  # type: ignore[arg-type]


def test_initial_response_uses_the_severity_target_in_business_hours() -> None:
    issue = Issue(kind="technical", product="azure", severity=Severity.C)
    assert at(5, 11) == initial_response_due(issue, at(4, 11), offering())


def test_round_the_clock_severities_ignore_business_hours() -> None:
    issue = Issue(kind="technical", product="azure", severity="A")
    terms = offering(round_the_clock={Severity.A}, targets={Severity.A: H})
    assert at(9, 23) == initial_response_due(issue, at(9, 22), terms)


def test_issues_without_severity_use_the_default_target() -> None:
    issue = Issue(kind="billing", product="azure")
    assert at(5, 16) == initial_response_due(issue, at(4, 16), offering())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"support_types": set()}, "support_types"),
        ({"support_types": "billing"}, "support_types"),
        ({"contact_methods": set()}, "contact_methods"),
        ({"languages": ()}, "languages"),
        ({"languages": "en"}, "languages"),
        ({"pricing": "free"}, "pricing"),
        ({"hours": "9-17"}, "hours"),
        ({"targets": {Severity.A: dt.timedelta(0)}}, "targets[A]"),
        ({"targets": [H]}, "targets"),
        ({"unresolved_kind_target": dt.timedelta(0)}, "unresolved_kind_target"),
    ],
)
def test_offering_refuses_missing_disclosures(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        offering(**changes)
    assert field == error.value.field


def test_offering_reports_obligations_it_leaves_out() -> None:
    assert frozenset() == offering().missing_obligations
    assert {SupportType.BILLING} == offering(
        support_types={"technical", "subscriptionManagement"}
    ).missing_obligations


def test_pricing_states_a_price_when_charged() -> None:
    assert Money("49", "EUR") == Pricing(model=PricingModel.PER_INCIDENT, price=Money("49", "EUR")).price
    with raises_invalid(field="price", code=ErrorCode.NOT_ALLOWED):
        Pricing(model="included", price=Money("1", "EUR"))
    with raises_invalid(field="price", code=ErrorCode.OUT_OF_RANGE):
        Pricing(model="monthly", price=Money("0", "EUR"))
    with raises_invalid(field="price", code=ErrorCode.WRONG_TYPE):
        Pricing(model="monthly", price="10 EUR")  # type: ignore[arg-type]


def test_support_profile_validates_its_fields() -> None:
    profile = SupportProfile(
        email="help@contoso.example", telephone="+48 22 123 45 67", website="https://contoso.example"
    )
    assert {ContactMethod.EMAIL, ContactMethod.TELEPHONE, ContactMethod.WEBSITE} == profile.contact_methods
    for field, value in [
        ("email", "a@b"),
        ("telephone", "call us"),
        ("telephone", "12"),
        ("website", "contoso.example"),
    ]:
        with pytest.raises(InvalidInput) as error:
            SupportProfile(**{field: value})
        assert field == error.value.field
    with raises_invalid(field="profile", code=ErrorCode.MISSING):
        SupportProfile()


@pytest.mark.parametrize("action", list(CustomerAction))
def test_customer_decisions_carry_a_reason_either_way(action: CustomerAction) -> None:
    decision = customer_can(action)
    assert decision.reasons
    assert (decision.contact is None) == bool(decision)
    for locale in SUPPORTED_LOCALES:
        assert "{" not in render(decision.reasons[0], locale=locale)


def test_customers_cannot_buy_cancel_or_open_microsoft_requests() -> None:
    allowed = {action for action in CustomerAction if customer_can(action)}
    assert {
        CustomerAction.VIEW_MESSAGE_CENTER,
        CustomerAction.CONFIGURE_SERVICES,
        CustomerAction.VIEW_PRODUCT_RESOURCES,
        CustomerAction.VIEW_PARTNER_SUPPORT_CONTACT,
    } == allowed
    with raises_invalid(field="action", code=ErrorCode.UNKNOWN_VALUE):
        customer_can("hack")


def test_who_communicates_follows_customer_support_page() -> None:
    assert {topic: who_communicates(topic) for topic in Topic} == {
        Topic.SUBSCRIPTION: Handler.PARTNER,
        Topic.BILLING: Handler.PARTNER,
        Topic.SUPPORT: Handler.PARTNER,
        Topic.SERVICE_INCIDENT: Handler.MICROSOFT,
        Topic.OPERATIONAL_INFORMATION: Handler.MICROSOFT,
        Topic.NON_CSP_PRODUCTS: Handler.MICROSOFT,
        Topic.GDAP_EXPIRY: Handler.MICROSOFT,
    }
    assert communication_rule(Topic.BILLING).reasons[0].source.document == "customer-support.md"  # type: ignore[union-attr]


def test_support_catalogs_have_the_same_ids_and_placeholders_in_every_language() -> None:
    from cspcore.i18n import placeholders

    english = messages("en", "support")
    for language in ("cs", "pl", "hu", "ja"):
        other = messages(language, "support")
        assert set(english) == set(other)
        for key, text in english.items():
            assert placeholders(text) == placeholders(other[key]), (language, key)


def test_steps_have_labels_in_every_locale() -> None:
    for step in Step:
        for locale in SUPPORTED_LOCALES:
            assert step.value != label(step, locale=locale)


def test_designated_support_contact_defaults_to_the_provider_and_needs_dap_for_a_reseller() -> None:
    from cspcore.support import designate_support_contact

    assert designate_support_contact(Handler.INDIRECT_PROVIDER)
    assert not designate_support_contact(Handler.PARTNER)
    assert designate_support_contact(Handler.PARTNER, has_delegated_admin=True)
    refused = designate_support_contact(Handler.MICROSOFT)
    assert not refused
    assert refused.reasons[0].code == "support.contact.not_a_partner"
    for locale in SUPPORTED_LOCALES:
        assert "Microsoft" in render(refused.reasons[0], locale=locale)
    with raises_invalid(field="has_delegated_admin", code=ErrorCode.WRONG_TYPE):
        designate_support_contact(Handler.PARTNER, has_delegated_admin="yes")  # type: ignore[arg-type]
