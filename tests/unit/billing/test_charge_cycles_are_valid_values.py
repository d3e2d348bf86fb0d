"""Every charge cycle cspcore computes is a value the validating constructor would build."""

from __future__ import annotations

from hypothesis import given

from cspcore.billing import ChargeCycle, Subscription, charge_cycles
from cspcore.testing.billing import subscriptions


@given(subscriptions())
def test_each_computed_cycle_equals_the_validated_one(subscription: Subscription) -> None:
    for cycle in charge_cycles(subscription):
        rebuilt = ChargeCycle(start=cycle.start, end=cycle.end, days=cycle.days)
        assert rebuilt == cycle
        assert (rebuilt.start, rebuilt.end, rebuilt.days) == (cycle.start, cycle.end, cycle.days)
        assert cycle.days >= cycle.length >= 1
