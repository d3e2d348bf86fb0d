"""``rate``: EffectiveUnitPrice as Microsoft's files carry it (exact in the API); a refused event named."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

from cspcore.billing import history_from_dict, rate
from cspcore.cli import main
from cspcore.cli.files import read_data

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

#: Microsoft's seat-count example (common-billing-scenarios-onetime-recurring.md, "How do I calculate the
#: total number of seats..."): 10 seats at 12 bought on March 5, 2022, 5 added on March 7.
MARCH = """
through = 2022-03-31

[subscription]
id = "284b0ff0"
product = "Microsoft 365 Business Standard"
start = 2022-03-05
term = "P1Y"
frequency = "monthly"
quantity = 10
unit_price = "12"
currency = "EUR"

[[events]]
kind = "change_quantity"
on = 2022-03-07
quantity = 15
"""


def test_effective_unit_price_has_microsofts_two_decimals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "march.toml"
    path.write_text(MARCH, encoding="utf-8")
    assert main(["rate", str(path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # Microsoft's file shows 12.00, -11.23 and 11.23 for these three lines.
    assert [row["EffectiveUnitPrice"] for row in rows] == ["12.00", "-11.23", "11.23"]
    subscription, events, through, _ = history_from_dict(read_data(str(path)))
    exact = [line.effective_unit_price.amount for line in rate(subscription, events, through=through)]
    assert exact[2] != Decimal("11.23")  # the API keeps the exact price
    assert exact[2].quantize(Decimal("0.01")) == Decimal("11.23")


def test_rates_own_csv_reconciles_with_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "march.toml"
    path.write_text(MARCH, encoding="utf-8")
    assert main(["rate", str(path)]) == 0
    recon = tmp_path / "march.csv"
    recon.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["reconcile", str(recon), str(recon)]) == 0


def test_a_refused_event_is_named_by_index_kind_and_day_with_its_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    late = MARCH.replace("through = 2022-03-31", "through = 2022-04-30") + (
        '\n[[events]]\nkind = "change_quantity"\non = 2022-03-20\nquantity = 12\n'
    )
    path = tmp_path / "late.toml"
    path.write_text(late, encoding="utf-8")
    assert main(["rate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{path}:events[1] (change_quantity, 2022-03-20)" in err
    assert "seat_reduction_window_closed" in err
    assert "7 days" in err  # the reason, rendered: the rule's window


def test_the_whatif_table_names_its_currency(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whatif", "strict", "--accounts", "3", "--end", "2024-01-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("policy")
    assert "EUR" in lines[-1]
