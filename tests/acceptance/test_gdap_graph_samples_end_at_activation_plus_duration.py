"""Microsoft Graph's GDAP relationship samples: the end is the activation plus the duration.

Pages: ``api-reference/v1.0/resources/delegatedadminrelationship.md`` (``endDateTime`` "Calculated as
endDateTime = activatedDateTime + duration") and the response samples of
``api-reference/v1.0/api/delegatedadminrelationship-get.md`` and
``api-reference/v1.0/api/tenantrelationship-list-delegatedadminrelationships.md``, in
microsoftgraph/microsoft-graph-docs-contrib. Expiry notices: Partner Center's
``gdap-expiring-notifications.md`` (30, seven and one day before the expiration date).

The samples contradict the formula next to them:

* "Contoso admin relationship", ``P730D``, activated 2022-02-10T11:26:44.9941884Z, prints an end of
  2024-02-10T11:24:42.3148266Z: its creation instant plus 730 days, two minutes before the
  activation plus 730 days. cspcore follows the stated formula (the day, February 10, 2024, is the
  same either way; Graph's seventh fractional digit is below Python's microsecond).
* "Contoso subsidiary relationship", ``P30D``, activated 2021-09-29T16:55:20.2101088Z, is
  ``terminated`` with an end (the instant its status changed) of 2021-10-29T16:57:20.2101088Z, two
  minutes after its 30 days were over. cspcore refuses to terminate a relationship that has already
  expired (``RelationshipNotActive``), so that sample's history cannot be replayed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore.roles import EntraRole, GdapRelationship, GdapStatus, RelationshipNotActive, terminate


def graph_instant(text: str) -> dt.datetime:
    """A Graph date-time with seven fractional digits, to the microsecond."""
    seconds, fraction = text.removesuffix("Z").split(".")
    return dt.datetime.fromisoformat(f"{seconds}.{fraction[:6]}+00:00")


def test_the_730_day_samples_end_is_its_activation_plus_730_days() -> None:
    activated = graph_instant("2022-02-10T11:26:44.9941884Z")
    relationship = GdapRelationship(
        customer_id="4fdbff88-9d6b-42e0-9713-45c922ba8001",
        roles={EntraRole.DIRECTORY_READERS},
        duration=730,
        activated_at=activated,
    )
    assert relationship.end_at == graph_instant("2024-02-10T11:26:44.9941884Z")
    assert relationship.end_at.date() == graph_instant("2024-02-10T11:24:42.3148266Z").date()
    assert [(notice.days_before, notice.at) for notice in relationship.expiry_notices()] == [
        (30, graph_instant("2024-01-11T11:26:44.9941884Z")),
        (7, graph_instant("2024-02-03T11:26:44.9941884Z")),
        (1, graph_instant("2024-02-09T11:26:44.9941884Z")),
    ]


def test_the_30_day_sample_expired_two_minutes_before_its_printed_termination() -> None:
    relationship = GdapRelationship(
        customer_id="4b827261-d21f-4aa9-b7db-7fa1f56fb163",
        roles={EntraRole.DIRECTORY_READERS},
        duration=30,
        activated_at=graph_instant("2021-09-29T16:55:20.2101088Z"),
    )
    printed_end = graph_instant("2021-10-29T16:57:20.2101088Z")
    assert relationship.end_at == printed_end - dt.timedelta(minutes=2)
    assert relationship.status_at(printed_end) is GdapStatus.EXPIRED
    with pytest.raises(RelationshipNotActive):
        terminate(relationship, at=printed_end)
