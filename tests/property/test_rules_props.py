"""Laws of rules by date: one version per day, never going back in time, refunds only shrinking."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.billing import (
    CANCELLATION_WINDOW_RULE,
    FAMILY_RULES,
    CancellationWindowClosed,
    ProductFamily,
    RefundKind,
    Term,
    cancellation_quote,
    refund_quote,
)
from cspcore.explain import Source
from cspcore.rules import RuleVersion, VersionedRule

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def rules(draw: st.DrawFn) -> VersionedRule[int]:
    days = sorted(draw(st.sets(DAYS, min_size=1, max_size=8)))
    return VersionedRule(
        name="drawn",
        versions=tuple(
            RuleVersion(effective_from=day, value=index, source=Source(document=f"page-{index}.md"))
            for index, day in enumerate(days)
        ),
    )


@given(rules(), DAYS, DAYS)
def test_a_later_day_never_gets_an_earlier_version(
    rule: VersionedRule[int], first: dt.date, second: dt.date
) -> None:
    early, late = sorted((first, second))
    assert rule.at(early).value <= rule.at(late).value


@given(rules(), DAYS)
def test_every_day_falls_in_exactly_one_version(rule: VersionedRule[int], day: dt.date) -> None:
    containing = [
        version
        for index, version in enumerate(rule.versions)
        if (version.effective_from <= day or index == 0)
        and (index + 1 == len(rule.versions) or day < rule.versions[index + 1].effective_from)
    ]
    assert [rule.at(day)] == containing


GENEROSITY = {RefundKind.NONE: 0, RefundKind.PRORATED: 1, RefundKind.FULL: 2}
# Hypothesis takes naive bounds and attaches the zone itself.
NAIVE_FIRST, NAIVE_LAST = dt.datetime(2021, 10, 1), dt.datetime(2030, 12, 31)  # noqa: DTZ001
PURCHASES = st.datetimes(min_value=NAIVE_FIRST, max_value=NAIVE_LAST, timezones=st.just(dt.UTC))
NAIVE_2021 = (dt.datetime(2021, 1, 1), dt.datetime(2021, 12, 31))  # noqa: DTZ001


@given(
    st.sampled_from(list(ProductFamily)),
    PURCHASES,
    st.integers(min_value=0, max_value=2000 * 3600),
    st.integers(min_value=0, max_value=2000 * 3600),
    st.sampled_from([None, *Term]),
)
@example(ProductFamily.LICENSE_BASED, dt.datetime(2022, 3, 1, tzinfo=dt.UTC), 23 * 3600, 24 * 3600, None)
@example(ProductFamily.MARKETPLACE_SAAS, dt.datetime(2023, 7, 27, tzinfo=dt.UTC), 0, 336 * 3600, Term.P1Y)
def test_the_refund_never_gets_more_generous_as_time_passes(
    family: ProductFamily, bought: dt.datetime, first: int, second: int, term: Term | None
) -> None:
    early, late = sorted((first, second))

    def kind(seconds: int) -> RefundKind:
        quote = refund_quote(
            family, purchased_at=bought, at=bought + dt.timedelta(seconds=seconds), term=term
        )
        return quote.kind

    assert GENEROSITY[kind(early)] >= GENEROSITY[kind(late)]


@given(st.sampled_from(list(ProductFamily)), PURCHASES)
def test_every_family_has_one_policy_for_every_purchase_day_from_october_2021(
    family: ProductFamily, bought: dt.datetime
) -> None:
    assert family is FAMILY_RULES[family].at(bought.date()).value.family


@given(
    st.datetimes(min_value=NAIVE_2021[0], max_value=NAIVE_2021[1], timezones=st.just(dt.UTC)),
    st.integers(min_value=72 * 3600, max_value=168 * 3600 - 1),
)
@example(dt.datetime(2021, 7, 15, tzinfo=dt.UTC), 100 * 3600)
def test_a_2021_purchase_cancelled_after_72_hours_is_refused_under_the_72_hour_rule(
    bought: dt.datetime, seconds: int
) -> None:
    try:
        cancellation_quote(bought, at=bought + dt.timedelta(seconds=seconds))
    except CancellationWindowClosed as refused:
        version = CANCELLATION_WINDOW_RULE.at(bought.date())
        assert version.value == 72
        cited = [reason for reason in refused.reasons if reason.code == "billing.cancel.rule_version"]
        assert [(72, version.source)] == [(reason.params["window_hours"], reason.source) for reason in cited]
    else:
        raise AssertionError("a 2021 cancellation after 72 hours was accepted")
