"""Small reconciliation files in all of Microsoft's columns, for the tests of the file reconcile."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from cspcore.interop import RECON_COLUMNS

if TYPE_CHECKING:
    from pathlib import Path


def _row(subscription: str, subtotal: str = "120.00", **cells: str) -> dict[str, str]:
    row = dict.fromkeys(RECON_COLUMNS, "")
    row.update(
        OrderDate="2024-03-01", ProductName="Microsoft 365 E3", ChargeType="new", UnitPrice="12.00",
        EffectiveUnitPrice="12.00", BillableQuantity="10", Quantity="10", Subtotal=subtotal, TaxTotal="0",
        Total=subtotal, Currency="EUR", SubscriptionId=subscription, ChargeStartDate="2024-03-01",
        ChargeEndDate="2024-03-31", ReferenceId="r1",
    )  # fmt: skip
    row.update(cells)
    return row


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def month_files(tmp_path: Path, **odd: str) -> tuple[Path, Path]:
    """Two small recon files in every column: s0 to s29 expected (s1 twice), s1 to s33 billed, s7 a
    cent off; the fourth billed row (s4) gets the cells ``odd`` names."""
    expected = [_row(f"s{n}") for n in range(30)] + [_row("s1")]  # s1 twice: a shared key
    billed = [_row(f"s{n}", "120.01" if n == 7 else "120.00") for n in range(1, 34)]
    billed[3] = _row(billed[3]["SubscriptionId"], **odd)
    return _write(tmp_path / "mine.csv", expected), _write(tmp_path / "billed.csv", billed)


def recon_file(path: Path, rows: list[dict[str, str]]) -> Path:
    """A recon file in every column, one row for each of ``rows``: a plain line (of :func:`month_files`,
    subscription ``s1``) with the cells the row names."""
    return _write(path, [_row("s1", **row) for row in rows])
