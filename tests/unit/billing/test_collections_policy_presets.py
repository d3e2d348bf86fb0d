"""The published presets, pinned whole against docs/collections.md ("The presets").

Each preset is a ladder of seven stages (reminder, final notice, block purchases, suspend, stop renewal,
agency, write off) whose ``after_days`` and ``grace_days`` are the documented table; every stage keeps
the access restrictions of the one before it, and the last is terminal.
"""

from __future__ import annotations

import datetime as dt

from cspcore import Money
from cspcore.billing import (
    LENIENT,
    PRESETS,
    STANDARD,
    STRICT,
    Action,
    CollectionsPolicy,
    Invoice,
    ScheduledAction,
    Stage,
    schedule,
)

D = dt.date
R, F, B, S, A, W, G = (
    Action.REMIND,
    Action.FINAL_NOTICE,
    Action.BLOCK_NEW_PURCHASES,
    Action.SUSPEND_SUBSCRIPTIONS,
    Action.TURN_OFF_AUTO_RENEW,
    Action.WRITE_OFF,
    Action.REFER_TO_AGENCY,
)


def documented(name: str, grace: int, row: tuple[int, ...], description: str) -> CollectionsPolicy:
    """A policy from one row of the documented table (after_days per column)."""
    remind, final, block, suspend, renew, agency, write = row
    return CollectionsPolicy(
        name=name,
        grace_days=grace,
        description=description,
        stages=[
            Stage(name="reminder", after_days=remind, actions=[R]),
            Stage(name="final_notice", after_days=final, actions=[F]),
            Stage(name="block_purchases", after_days=block, actions=[B]),
            Stage(name="suspend", after_days=suspend, actions=[B, S]),
            Stage(name="stop_renewal", after_days=renew, actions=[B, S, A]),
            Stage(name="agency", after_days=agency, actions=[B, S, A, G]),
            Stage(name="write_off", after_days=write, actions=[B, S, A, W], terminal=True),
        ],
    )


def test_lenient_is_the_documented_ladder_suspending_on_day_30() -> None:
    expected = documented(
        "lenient",
        5,
        (0, 10, 18, 25, 40, 60, 120),
        "Suspends on the day Microsoft's net 60 falls due (net-30 customers).",
    )
    assert expected == LENIENT
    assert expected.to_dict() == LENIENT.to_dict()


def test_standard_is_the_documented_ladder_suspending_on_day_24() -> None:
    expected = documented(
        "standard",
        3,
        (0, 7, 14, 21, 30, 60, 90),
        "Suspends a week before Microsoft's net 60 falls due (net-30 customers).",
    )
    assert expected == STANDARD
    assert expected.to_dict() == STANDARD.to_dict()


def test_strict_is_the_documented_ladder_suspending_on_day_14() -> None:
    expected = documented(
        "strict",
        0,
        (0, 4, 7, 14, 21, 45, 60),
        "Suspends two weeks past due; fits net-45 customer terms.",
    )
    assert expected == STRICT
    assert expected.to_dict() == STRICT.to_dict()


def test_the_presets_are_published_by_name_in_order() -> None:
    assert {"lenient": LENIENT, "standard": STANDARD, "strict": STRICT} == PRESETS
    assert list(PRESETS) == ["lenient", "standard", "strict"]


def test_every_preset_stage_is_all_of_its_documented_fields() -> None:
    # The fields a preset does not use are left out, not defaulted to something else.
    for policy in PRESETS.values():
        assert [(None, None) for _ in policy.stages] == [
            (s.min_overdue, s.min_unpaid_invoices) for s in policy.stages
        ]
        assert [s.terminal for s in policy.stages] == [False] * 6 + [True]
        assert frozenset() == policy.exempt_accounts
        assert policy.currency is None


def test_a_standard_invoice_runs_through_the_documented_days() -> None:
    # Due 7 February 2024; STANDARD's day per stage is grace 3 + after_days (module docstring: suspended
    # on 2 March, 24 days past due).
    invoice = Invoice(
        id="C-1",
        issued=D(2024, 1, 8),
        due=D(2024, 2, 7),
        currency="EUR",
        total_charges=Money("500.00", "EUR"),
    )
    days = (3, 10, 17, 24, 33, 63, 93)
    expected = tuple(
        ScheduledAction(on=D(2024, 2, 7) + dt.timedelta(days=day), stage=stage, actions=stage.actions)
        for day, stage in zip(days, STANDARD.stages, strict=True)
    )
    assert expected == schedule(STANDARD, invoice)
    assert D(2024, 3, 2) == schedule(STANDARD, invoice)[3].on


def test_a_strict_reminder_comes_on_the_first_day_past_due() -> None:
    # after_days 0 with no grace is the first day past due, not the due date itself.
    invoice = Invoice(
        id="C-1",
        issued=D(2024, 1, 8),
        due=D(2024, 2, 7),
        currency="EUR",
        total_charges=Money("500.00", "EUR"),
    )
    assert [(item.on.isoformat(), item.stage.name) for item in schedule(STRICT, invoice)] == [
        ("2024-02-08", "reminder"),
        ("2024-02-11", "final_notice"),
        ("2024-02-14", "block_purchases"),
        ("2024-02-21", "suspend"),
        ("2024-02-28", "stop_renewal"),
        ("2024-03-23", "agency"),
        ("2024-04-07", "write_off"),
    ]
