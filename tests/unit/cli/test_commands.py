"""The whatif, rate, reconcile and explain-charge commands, end to end in process."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest

from cspcore.cli import Progress, main

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def expected_csv(history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["rate", str(history)]) == 0
    path = tmp_path / "expected.csv"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    return path


def test_rate_writes_microsofts_seat_change_lines_as_recon_csv(expected_csv: Path) -> None:
    rows = expected_csv.read_text("utf-8").splitlines()
    assert rows[0].startswith("CustomerId,OrderDate,ProductName,ChargeType")
    assert ",new,10.08,10,100.80," in rows[1]
    assert ",addQuantity,10.08,10,-94.00," in rows[2]
    assert ",addQuantity,10.08,12,112.80," in rows[3]


def test_reconciling_a_file_with_itself_is_ok(expected_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", str(expected_csv), str(expected_csv)]) == 0
    assert capsys.readouterr().out


def test_reconcile_exits_one_and_names_the_field_that_differs(
    expected_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actual = tmp_path / "actual.csv"
    text = expected_csv.read_text("utf-8").replace(",112.80,0,112.80,", ",112.81,0,112.81,")
    actual.write_text(text, encoding="utf-8")
    assert main(["reconcile", str(expected_csv), str(actual), "--locale", "cs_CZ"]) == 1
    out = capsys.readouterr().out
    assert "Subtotal se liší o 0,01\xa0€" in out


def test_explain_charge_in_czech(expected_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain-charge", str(expected_csv), "--locale", "cs_CZ"]) == 0
    out = capsys.readouterr().out
    assert "Období: 18. 6. 2024 – 17. 7. 2024" in out


def test_whatif_compares_the_presets_and_plots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plot = tmp_path / "whatif.png"
    assert main(["whatif", "--accounts", "8", "--plot", str(plot)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert [row.split()[0] for row in table[:-1]] == ["policy", "lenient", "standard", "strict"]
    assert "EUR" in table[-1]  # the currency of the amounts, under the table
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_whatif_takes_a_policy_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cspcore.billing import STRICT

    policy = tmp_path / "mine.json"
    data = STRICT.to_dict()
    data["name"] = "mine"
    import json

    policy.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert main(["whatif", "lenient", str(policy), "--accounts", "5"]) == 0
    assert [row.split()[0] for row in capsys.readouterr().out.splitlines()[:-1]] == [
        "policy",
        "lenient",
        "mine",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rate", "missing.toml"], "cannot read"),
        (["whatif", "--portfolio", "mine.toml"], "cannot read"),
        (["whatif", "--start", "yesterday"], "argument --start: not an ISO date"),
        (["reconcile", "a.csv", "b.csv", "--tolerance", "lots"], "argument --tolerance: not a decimal"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err


def test_bad_toml_and_non_table_json_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("through = [", encoding="utf-8")
    assert main(["rate", str(broken)]) == 2
    listing = tmp_path / "list.json"
    listing.write_text("[1, 2]", encoding="utf-8")
    assert main(["whatif", str(listing)]) == 2
    err = capsys.readouterr().err
    assert "is not valid TOML" in err
    assert "must hold a table" in err


def test_the_progress_bar_draws_only_when_enabled() -> None:
    drawn, silent = io.StringIO(), io.StringIO()
    bar = Progress(4, "work", stream=drawn, enabled=True)
    for _ in range(4):
        bar.advance()
    bar.close()
    Progress(4, "work", stream=silent).advance()
    assert "[########################] 100%" in drawn.getvalue()
    assert drawn.getvalue().endswith("\r\x1b[2K")
    assert silent.getvalue() == ""


def test_whatif_reads_a_portfolio_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "book.toml"
    book.write_text(
        """
[[accounts]]
id = "contoso"
currency = "EUR"
monthly_cost = "120"
term_end = 2024-12-31
invoices = [{ id = "INV-1", issued = 2024-01-08, due = 2024-02-07, total = "145.20" }]
payments = []
""",
        encoding="utf-8",
    )
    assert (
        main(["whatif", "strict", "--portfolio", str(book), "--start", "2024-01-01", "--end", "2024-06-30"])
        == 0
    )
    rows = capsys.readouterr().out.splitlines()
    assert rows[1].split()[:2] == ["strict", "1"]  # one suspension
