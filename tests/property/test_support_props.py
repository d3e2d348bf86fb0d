from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.roles import EntraRole, PartnerRole
from cspcore.support import (
    BusinessHours,
    CustomerAction,
    Handler,
    Issue,
    PartnerProfile,
    Product,
    SlaClock,
    Step,
    business_time_between,
    customer_can,
    due_at,
    route,
)
from cspcore.testing.dst import instants_near_dst_changes
from cspcore.testing.support import business_hours, issues, partners, quarter_hour_instants, targets

QUARTER = dt.timedelta(minutes=15)
PRAGUE_9_17 = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
NIGHT_DESK = BusinessHours(
    tz="America/New_York", weekly={d: ((dt.time(0), dt.time(3)), (dt.time(22), dt.time(0))) for d in range(7)}
)
# Europe springs forward on 2024-03-31 and falls back on 2024-10-27; the US on 2024-03-10 and 2024-11-03.
EU_SPRING = dt.datetime(2024, 3, 30, 23, 30, tzinfo=ZoneInfo("Europe/Prague"))
EU_FALL = dt.datetime(2024, 10, 27, 1, 45, tzinfo=ZoneInfo("Europe/Prague"))
US_SPRING = dt.datetime(2024, 3, 10, 1, 0, tzinfo=ZoneInfo("America/New_York"))
US_FALL = dt.datetime(2024, 11, 3, 0, 45, tzinfo=ZoneInfo("America/New_York"))
ROUND = BusinessHours(tz="Europe/Prague", weekly={d: ((dt.time(0), dt.time(0)),) for d in range(7)})
LONDON_ROUND = BusinessHours(tz="Europe/London", weekly={d: ((dt.time(0), dt.time(0)),) for d in range(7)})
#: 00:30 BST on the day London falls back to GMT (UTC+0): the day's two midnights have different offsets.
LONDON_FALL = dt.datetime(2024, 10, 27, 0, 30, tzinfo=ZoneInfo("Europe/London"))


def _open_by_wall_clock(hours: BusinessHours, instant: dt.datetime) -> bool:
    local = instant.astimezone(hours.zone)
    now = local.time().replace(tzinfo=None, fold=0)
    return any(o <= now and (c == dt.time(0) or now < c) for o, c in hours.ranges_on(local.date()))


@given(business_hours(), quarter_hour_instants(days=600), st.integers(1, 96 * 2))
@example(NIGHT_DESK, US_FALL, 16)
@example(NIGHT_DESK, US_SPRING, 16)
@example(ROUND, EU_SPRING, 12)
@example(ROUND, EU_FALL, 12)
def test_clock_never_advances_outside_business_hours(
    hours: BusinessHours, start: dt.datetime, quarters: int
) -> None:
    # Quarter-hour schedules in whole-quarter-hour zones: each quarter is wholly open or wholly closed.
    # Aware arithmetic in a ZoneInfo zone is wall-clock arithmetic: step in UTC instead.
    first = start.astimezone(dt.UTC)
    end = first + quarters * QUARTER
    counted = business_time_between(start, end, hours=hours)
    expected = sum(
        (QUARTER for n in range(quarters) if _open_by_wall_clock(hours, first + n * QUARTER)),
        dt.timedelta(0),
    )
    assert expected == counted


@given(business_hours(), quarter_hour_instants(), targets(max_hours=24), targets(max_hours=24))
@example(PRAGUE_9_17, EU_SPRING, dt.timedelta(hours=5), dt.timedelta(hours=7))
@example(PRAGUE_9_17, EU_FALL, dt.timedelta(hours=8), dt.timedelta(0))
@example(NIGHT_DESK, US_SPRING, dt.timedelta(hours=2), dt.timedelta(hours=3))
@example(NIGHT_DESK, US_FALL, dt.timedelta(hours=3), dt.timedelta(hours=1))
def test_due_at_is_additive(
    hours: BusinessHours, start: dt.datetime, a: dt.timedelta, b: dt.timedelta
) -> None:
    # Compare instants: two datetimes of one zone compare equal by wall clock even when fold differs.
    once = due_at(start, a + b, hours=hours)
    twice = due_at(due_at(start, a, hours=hours), b, hours=hours)
    assert (once.astimezone(dt.UTC), once.fold) == (twice.astimezone(dt.UTC), twice.fold)


@given(st.none() | business_hours(), quarter_hour_instants(), targets(max_hours=24))
@example(PRAGUE_9_17, EU_SPRING, dt.timedelta(hours=9))
@example(ROUND, EU_FALL, dt.timedelta(hours=3))
@example(NIGHT_DESK, US_SPRING, dt.timedelta(hours=4))
@example(NIGHT_DESK, US_FALL, dt.timedelta(hours=4))
@example(LONDON_ROUND, LONDON_FALL, dt.timedelta(hours=1))
def test_business_time_until_due_is_the_target(
    hours: BusinessHours | None, start: dt.datetime, target: dt.timedelta
) -> None:
    due = due_at(start, target, hours=hours)
    assert target == business_time_between(start, due, hours=hours)
    assert due.tzinfo is start.tzinfo


@given(business_hours(), quarter_hour_instants(), st.integers(0, 96 * 5), targets(max_hours=24))
@example(PRAGUE_9_17, EU_SPRING, 20, dt.timedelta(hours=1))
@example(NIGHT_DESK, US_FALL, 3, dt.timedelta(minutes=30))
def test_due_at_is_monotone_in_received_at(
    hours: BusinessHours, start: dt.datetime, later: int, target: dt.timedelta
) -> None:
    later_start = start.astimezone(dt.UTC) + later * QUARTER
    assert due_at(start, target, hours=hours) <= due_at(later_start, target, hours=hours)


@given(business_hours(), quarter_hour_instants(), targets(max_hours=24))
def test_a_positive_target_falls_due_inside_business_hours(
    hours: BusinessHours, start: dt.datetime, target: dt.timedelta
) -> None:
    due = due_at(start, target + dt.timedelta(minutes=1), hours=hours)
    # Step back in UTC: ``due - 1 µs`` on a local datetime is wall-clock arithmetic and drops fold.
    assert hours.is_open(due.astimezone(dt.UTC) - dt.timedelta(microseconds=1))


# New York fell back on 2007-11-04: 01:50 EDT (05:50 UTC) is the first pass, 01:10 EST (06:10 UTC) the second.
NY_FIRST_0150 = dt.datetime(2007, 11, 4, 1, 50, tzinfo=ZoneInfo("America/New_York"))
NY_ROUND = BusinessHours(tz="America/New_York", weekly={d: ((dt.time(0), dt.time(0)),) for d in range(7)})
PRAGUE_FIRST_0230 = dt.datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Prague"))
PRAGUE_BEFORE_GAP = dt.datetime(2024, 3, 31, 1, 45, tzinfo=ZoneInfo("Europe/Prague"))


@given(
    st.none() | business_hours(), quarter_hour_instants() | instants_near_dst_changes(), st.integers(-96, 96)
)
@example(NY_ROUND, NY_FIRST_0150, 1)  # 01:50 EDT to 01:05 EST (fold=1), 15 minutes later
@example(NY_ROUND, NY_FIRST_0150.replace(minute=45), 2)  # 01:45 EDT to 01:15 EST
@example(None, NY_FIRST_0150.replace(minute=45), 2)
@example(ROUND, PRAGUE_FIRST_0230, 2)  # 02:30 CEST to 02:00 CET
@example(PRAGUE_9_17, PRAGUE_FIRST_0230, -3)
@example(ROUND, PRAGUE_BEFORE_GAP, 1)  # 01:45 CET to 03:00 CEST
def test_business_time_between_instants_of_one_zone_is_antisymmetric_and_at_most_the_elapsed_time(
    hours: BusinessHours | None, start: dt.datetime, quarters: int
) -> None:
    # Both ends written in the same zone: Python would compare them by wall clock, ignoring fold.
    end = (start.astimezone(dt.UTC) + quarters * QUARTER).astimezone(start.tzinfo)
    forward = business_time_between(start, end, hours=hours)
    assert -forward == business_time_between(end, start, hours=hours)
    elapsed = quarters * QUARTER
    assert abs(forward) <= abs(elapsed)
    assert forward == dt.timedelta(0) or (forward > dt.timedelta(0)) == (elapsed > dt.timedelta(0))
    if hours is None or hours is ROUND or hours is NY_ROUND:
        assert elapsed == forward


@given(
    st.none() | business_hours(),
    quarter_hour_instants() | instants_near_dst_changes(),
    targets(max_hours=8),
    st.tuples(st.integers(0, 16), st.integers(0, 16), st.integers(0, 16)),
)
@example(NY_ROUND, NY_FIRST_0150.replace(minute=45), dt.timedelta(hours=1), (2, 1, 1))  # 01:45 EDT, 01:15 EST
@example(None, NY_FIRST_0150.replace(minute=45), dt.timedelta(hours=1), (2, 0, 4))
@example(ROUND, PRAGUE_FIRST_0230, dt.timedelta(hours=1), (2, 2, 2))  # 02:30 CEST, then 02:00 CET
@example(ROUND, PRAGUE_BEFORE_GAP, dt.timedelta(hours=1), (1, 1, 1))  # 01:45 CET, then 03:00 CEST
def test_an_sla_clock_in_one_zone_counts_elapsed_business_time_between_its_events(
    hours: BusinessHours | None, start: dt.datetime, target: dt.timedelta, quarters: tuple[int, int, int]
) -> None:
    # The clock runs ``run`` quarters, waits ``wait`` paused, and is read ``rest`` quarters after resuming.
    run, wait, rest = quarters
    zone = start.tzinfo

    def after(quarters: int) -> dt.datetime:
        return (start.astimezone(dt.UTC) + quarters * QUARTER).astimezone(zone)

    paused_at, resumed_at, read_at = after(run), after(run + wait), after(run + wait + rest)
    clock = SlaClock.start(target, at=start, hours=hours).pause(at=paused_at).resume(at=resumed_at)
    expected = business_time_between(start, paused_at, hours=hours) + business_time_between(
        resumed_at, read_at, hours=hours
    )
    assert expected == clock.elapsed(at=read_at)
    assert clock.is_breached(at=read_at) == (expected > target)


@given(issues(), partners())
def test_route_is_total_and_never_sends_the_customer_to_microsoft(
    issue: Issue, partner: PartnerProfile
) -> None:
    r = route(issue, partner=partner)
    assert r.reasons
    assert r.steps
    assert r.filer_roles
    assert all(isinstance(role, PartnerRole | EntraRole) for role in r.filer_roles)
    if r.handler is Handler.MICROSOFT:
        # The partner files: a filing step, and never a customer contact.
        assert {
            Step.OPEN_COMMERCIAL_SUPPORT_REQUEST,
            Step.FILE_SERVICE_REQUEST_IN_ADMIN_CENTER,
            Step.FILE_SERVICE_REQUEST_IN_AZURE_PORTAL,
            Step.FILE_WITH_SUPPORT_PLAN,
            Step.PROVIDE_OWN_SUPPORT_ENTITLEMENT,
        } & set(r.steps)
    assert not customer_can(CustomerAction.CREATE_MICROSOFT_SUPPORT_REQUEST)
    if (
        not issue.needs_microsoft
        and issue.product.is_customer_product
        and issue.product is not Product.MARKETPLACE
    ):
        assert r.handler in {Handler.PARTNER, Handler.INDIRECT_PROVIDER}
    if r.handler is Handler.MICROSOFT and r.fee_based is False:
        assert r.plan is None or not r.plan.fee_based
