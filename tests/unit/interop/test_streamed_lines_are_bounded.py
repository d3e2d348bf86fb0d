"""reconcile and seats_at_period_end read at most MAX_LINES lines from one iterable (an endless one too).

The bound (10**8) is far above a real month, so the tests lower it (the one documented attribute,
``cspcore.interop._rules.MAX_LINES``) to see the refusal: an InvalidInput naming the parameter, code
``too_long``, after that many lines and no more.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import ChargeLine
from cspcore.interop import (
    ReconciliationReport,
    _rules,
    iter_recon_rows,
    reconcile,
    seats_at_period_end,
    to_recon_rows,
)
from cspcore.interop.partner_center import RECON_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Iterator

BOUND = 50

LINE = ChargeLine(
    order_date=dt.date(2024, 3, 5),
    charge_type="new",
    product="Microsoft 365 Business Standard",
    subscription_id="s1",
    unit_price=Money(12, "EUR"),
    effective_unit_price=Money(12, "EUR"),
    quantity=10,
    subtotal=Money(120, "EUR"),
    charge_start=dt.date(2024, 3, 5),
    charge_end=dt.date(2024, 4, 4),
)


@pytest.fixture(autouse=True)
def _lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_rules, "MAX_LINES", BOUND)


class Counted:
    """An endless iterable that counts what it handed out."""

    def __init__(self, items: Iterator[object]) -> None:
        self.items = items
        self.taken = 0

    def __iter__(self) -> Counted:
        return self

    def __next__(self) -> object:
        self.taken += 1
        return next(self.items)


def csv_lines() -> Iterator[str]:
    """The text lines of an endless reconciliation file: the header, then one row again and again."""
    (row,) = to_recon_rows([LINE])
    yield ",".join(RECON_COLUMNS)
    while True:
        yield ",".join(row[column] for column in RECON_COLUMNS)


@pytest.mark.parametrize("side", ["expected", "actual"])
def test_reconcile_refuses_an_endless_side(side: str) -> None:
    endless = Counted(itertools.repeat(LINE))
    arguments: dict[str, Any] = {"expected": [LINE], "actual": [LINE], side: endless}
    with pytest.raises(InvalidInput) as caught:
        reconcile(**arguments)
    assert (caught.value.field, caught.value.code) == (side, "too_long")
    assert endless.taken == BOUND + 1


def test_reconcile_refuses_endless_rows_read_from_a_file() -> None:
    with pytest.raises(InvalidInput) as caught:
        reconcile([LINE], iter_recon_rows(csv_lines()))
    assert (caught.value.field, caught.value.code) == ("actual", "too_long")


def test_seats_at_period_end_refuses_endless_lines() -> None:
    endless = Counted(itertools.cycle([LINE]))
    with pytest.raises(InvalidInput) as caught:
        seats_at_period_end(endless)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("lines", "too_long")
    assert endless.taken == BOUND + 1


def test_exactly_the_bound_is_read_in_full() -> None:
    lines = [LINE] * BOUND
    assert len(reconcile(lines, lines).matched) == BOUND
    assert len(reconcile(lines, iter_recon_rows(csv_rows(BOUND))).matched) == BOUND
    assert set(seats_at_period_end(iter(lines))) == {"s1"}


def csv_rows(count: int) -> Iterator[str]:
    return itertools.islice(csv_lines(), count + 1)


@pytest.mark.parametrize("tolerance", [Decimal("1E+999999"), Decimal(10) ** 40, Decimal(-1), "1" * 60])
def test_a_report_tolerance_is_bounded_as_reconcile_reads_it(tolerance: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        ReconciliationReport(tolerance=tolerance)  # type: ignore[arg-type]
    assert caught.value.field == "tolerance"
    with pytest.raises(InvalidInput) as caught:
        reconcile([], [], tolerance=tolerance)  # type: ignore[arg-type]
    assert caught.value.field == "tolerance"
