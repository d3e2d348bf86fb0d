"""Growth exponents of the shell's input and output guards: each is one linear pass."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from cspcore._plain import nesting
from cspcore.cli import csv_cell, terminal_text
from cspcore.roles import EntraRole, effective_roles
from cspcore.roles.gdap import GdapRelationship, RoleGrant
from cspcore.support import BusinessHours
from growth import measure, record

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _json(n: int) -> str:
    return json.dumps([{"id": f"[{i}]", "lines": [{"a": "1.5", "b": [i, i + 1]}]} for i in range(n)])


def test_nesting_check_grows_linearly(benchmark: Any) -> None:
    growth = measure(_json, lambda text: nesting(text, "file"), small=2_000)
    record(benchmark, growth, limit=1.4)
    assert growth.result is None  # nothing refused: 3 levels deep
    benchmark.pedantic(lambda text: nesting(text, "file"), args=(_json(20_000),), rounds=1)


def _cells(n: int) -> list[str]:
    return [f"=cmd{i}\x1b[2J\u202e" if i % 3 == 0 else f"-{i}.50" for i in range(n)]


def _safe(cells: list[str]) -> list[str]:
    return [csv_cell(terminal_text(cell)) for cell in cells]


def test_output_guards_grow_linearly(benchmark: Any) -> None:
    growth = measure(_cells, _safe, small=5_000)
    record(benchmark, growth, limit=1.4)
    expected = [f"'=cmd{i}\\x1b[2J\\u202e" if i % 3 == 0 else f"-{i}.50" for i in range(50_000)]
    assert growth.result == expected
    benchmark.pedantic(_safe, args=(_cells(50_000),), rounds=1)


def _groups(n: int) -> tuple[list[str], list[GdapRelationship]]:
    role = EntraRole.USER_ADMINISTRATOR
    rel = GdapRelationship(
        customer_id="c",
        roles={role},
        duration=30,
        activated_at=START,
        grants=(RoleGrant(group="g0", roles={role}),),
    )
    return [f"g{i}" for i in range(n)], [rel]


def test_bounded_group_reads_grow_linearly(benchmark: Any) -> None:
    def run(data: tuple[list[str], list[GdapRelationship]]) -> Any:
        groups, rels = data
        return effective_roles(iter(groups), iter(rels), at=START).roles

    growth = measure(_groups, run, small=5_000)
    record(benchmark, growth, limit=1.4)
    assert growth.result == frozenset({EntraRole.USER_ADMINISTRATOR})
    benchmark.pedantic(run, args=(_groups(50_000),), rounds=1)


def _holidays(n: int) -> list[dt.date]:
    return [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(n)]


def test_holiday_checks_grow_linearly(benchmark: Any) -> None:
    def run(days: list[dt.date]) -> Any:
        return BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), holidays=days).holidays

    growth = measure(_holidays, run, small=2_000)
    record(benchmark, growth, limit=1.4)
    assert growth.result == frozenset(_holidays(20_000))
    benchmark.pedantic(run, args=(_holidays(20_000),), rounds=1)
