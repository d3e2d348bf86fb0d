"""GDAP auto-extend arrived on a published date.

Microsoft's monthly partner updates, "Important actions partners need to take to secure the partner
ecosystem", of September 19, 2023 and October 18, 2023 (``announcements/includes/september-2023/
partner-ecosystem-monthly-update.md`` and ``announcements/includes/october-2023/
partner-ecosystem-monthly-update.md``, "Coming soon"): "Starting October 30, 2023, partners will be
able to auto extend new or existing GDAPs by 6 months." Before it, ``gdap-faq.md`` ("Can a GDAP
relationship with a customer autorenew?"): "No. A GDAP relationship can't autorenew for security
reasons." (kvamseek/partner-center @ 85eb3c4)
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore.roles import AUTO_EXTEND, AUTO_EXTEND_RULE, AutoExtendNotAllowed, EntraRole, GdapRelationship

PUBLISHED = dt.date(2023, 10, 30)
SIX_MONTHS_IN_DAYS = 180


def test_the_published_day_is_the_rules_first_day_of_auto_extend() -> None:
    version = AUTO_EXTEND_RULE.at(PUBLISHED)
    assert version.value is True
    assert version.effective_from == PUBLISHED
    assert (
        version.source.document == "announcements/includes/october-2023/partner-ecosystem-monthly-update.md"
    )
    assert AUTO_EXTEND_RULE.at(PUBLISHED - dt.timedelta(days=1)).source.document == "gdap-faq.md"
    assert AUTO_EXTEND.days == SIX_MONTHS_IN_DAYS


def test_an_existing_2022_relationship_may_auto_extend_from_the_published_day() -> None:
    activated = dt.datetime(2022, 12, 1, tzinfo=dt.UTC)
    with pytest.raises(AutoExtendNotAllowed):
        GdapRelationship(
            customer_id="c",
            roles={EntraRole.USER_ADMINISTRATOR},
            duration=730,
            activated_at=activated,
            auto_extend=True,
        )
    rel = GdapRelationship(
        customer_id="c",
        roles={EntraRole.USER_ADMINISTRATOR},
        duration=730,
        activated_at=activated,
        auto_extend=True,
        auto_extend_since=dt.datetime(2023, 10, 30, tzinfo=dt.UTC),
    )
    assert rel.current_end_at(rel.end_at).date() == dt.date(2025, 5, 29)
