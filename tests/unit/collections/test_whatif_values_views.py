"""What-if results as plain records, text and HTML tables, pandas frames and matplotlib figures.

The results here are built by hand, so every expected string follows from the values alone.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import LENIENT, PRESETS, STANDARD, STRICT
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import (
    Comparison,
    DayPoint,
    MissingExtra,
    SimulationResult,
    Summary,
    compare,
    compare_presets,
)
from cspcore.errors import ErrorCode

D = dt.date
NAMES = ("clear", "reminder", "suspend")


def _summary(
    *,
    suspensions: int = 0,
    days: int = 0,
    write_offs: int = 0,
    written: str = "0",
    microsoft: tuple[tuple[dt.date, Money], ...] = (),
    exposure: str = "0",
) -> Summary:
    return Summary(
        suspensions=suspensions,
        account_days_suspended=days,
        write_offs=write_offs,
        written_off=Money(written, "EUR"),
        overdue_at_microsoft_due=microsoft,
        exposure=Money(exposure, "EUR"),
    )


def _result(
    policy: str, summary: Summary, accounts: tuple[tuple[int, int, int], ...] = ()
) -> SimulationResult:
    zero = (Money(0, "EUR"),) * 3
    series = tuple(
        DayPoint(day=D(2024, 3, 1) + dt.timedelta(days=i), accounts=counts, overdue=zero)
        for i, counts in enumerate(accounts or ((2, 0, 0),))
    )
    return SimulationResult(
        policy=policy,
        start=series[0].day,
        end=series[-1].day,
        currency="EUR",
        stage_names=NAMES,
        transitions=(),
        series=series,
        summary=summary,
    )


BUSY = _result(
    "net<30 & co",
    _summary(
        suspensions=3,
        days=41,
        write_offs=1,
        written="70.50",
        microsoft=(
            (D(2024, 1, 7), Money("12.5", "EUR")),
            (D(2024, 2, 6), Money("130", "EUR")),
            (D(2024, 3, 8), Money("9", "EUR")),
        ),
        exposure="1200",
    ),
)
QUIET = _result("calm", _summary())


# -- records -----------------------------------------------------------------------------------------


def test_a_summary_record_names_every_figure_and_takes_the_peak_overdue_on_microsoft_due_days() -> None:
    expected = {
        "policy": "net<30 & co",
        "suspensions": 3,
        "account_days_suspended": 41,
        "write_offs": 1,
        "written_off": Decimal("70.50"),
        "peak_overdue_at_microsoft_due": Decimal(130),
        "exposure": Decimal(1200),
    }
    assert expected == BUSY.summary_record()
    assert list(expected) == list(BUSY.summary_record())


def test_with_no_microsoft_due_day_in_the_period_the_peak_overdue_is_zero() -> None:
    record = QUIET.summary_record()
    assert Decimal(0) == record["peak_overdue_at_microsoft_due"]
    assert isinstance(record["peak_overdue_at_microsoft_due"], Decimal)


def test_a_comparison_lists_each_policys_summary_record_in_order() -> None:
    assert [BUSY.summary_record(), QUIET.summary_record()] == Comparison(
        results=(BUSY, QUIET)
    ).summary_records()


# -- text and HTML tables --------------------------------------------------------------------------


def test_the_text_table_left_aligns_columns_two_spaces_apart_without_trailing_blanks() -> None:
    expected = (
        "policy       suspensions  account_days_suspended  write_offs  written_off"
        "  peak_overdue_at_microsoft_due  exposure\n"
        "net<30 & co  3            41                      1           70.50"
        "        130                            1200\n"
        "calm         0            0                       0           0"
        "            0                              0"
    )
    assert expected == Comparison(results=(BUSY, QUIET)).table()


def test_a_long_value_widens_its_column_past_the_header() -> None:
    wide = _result("a-very-long-policy-name", _summary(written="1234567890123456789012345.67"))
    table = Comparison(results=(wide,)).table().splitlines()
    assert table[0].startswith(
        "policy                   suspensions  account_days_suspended  write_offs  written_off   "
    )
    assert table[1].startswith(
        "a-very-long-policy-name  0            0                       0           "
        "1234567890123456789012345.67  0 "
    )


def test_a_result_renders_its_summary_as_an_escaped_html_table() -> None:
    expected = (
        "<table><thead><tr><th>policy</th><th>suspensions</th><th>account_days_suspended</th>"
        "<th>write_offs</th><th>written_off</th><th>peak_overdue_at_microsoft_due</th><th>exposure</th>"
        "</tr></thead><tbody><tr><td>net&lt;30 &amp; co</td><td>3</td><td>41</td><td>1</td><td>70.50</td>"
        "<td>130</td><td>1200</td></tr></tbody></table>"
    )
    assert expected == BUSY._repr_html_()


def test_a_comparison_renders_one_html_row_per_policy() -> None:
    expected = (
        "<table><thead><tr><th>policy</th><th>suspensions</th><th>account_days_suspended</th>"
        "<th>write_offs</th><th>written_off</th><th>peak_overdue_at_microsoft_due</th><th>exposure</th>"
        "</tr></thead><tbody>"
        "<tr><td>net&lt;30 &amp; co</td><td>3</td><td>41</td><td>1</td><td>70.50</td><td>130</td>"
        "<td>1200</td></tr>"
        "<tr><td>calm</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
        "</tbody></table>"
    )
    assert expected == Comparison(results=(BUSY, QUIET))._repr_html_()


# -- compare and compare_presets -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policies", "code"),
    [
        ("standard", ErrorCode.WRONG_TYPE),
        (b"standard", ErrorCode.WRONG_TYPE),
        (STANDARD, ErrorCode.WRONG_TYPE),
        ((), ErrorCode.EMPTY),
        ([], ErrorCode.EMPTY),
    ],
)
def test_compare_refuses_anything_but_a_non_empty_list_of_policies(policies: Any, code: ErrorCode) -> None:
    portfolio = sample_portfolio(seed=1, accounts=1)
    with pytest.raises(InvalidInput) as refused:
        compare(policies, portfolio, start=D(2024, 1, 1), end=D(2024, 1, 2))
    assert ("policies", policies, code) == (refused.value.field, refused.value.value, refused.value.code)


def test_compare_names_the_position_of_an_entry_that_is_no_policy() -> None:
    portfolio = sample_portfolio(seed=1, accounts=1)
    with pytest.raises(InvalidInput) as refused:
        compare([STANDARD, "strict"], portfolio, start=D(2024, 1, 1), end=D(2024, 1, 2))  # type: ignore[list-item]
    expected = ("policies[1]", "strict")
    assert expected == (refused.value.field, refused.value.value)


def test_compare_refuses_two_policies_of_one_name_naming_them_all() -> None:
    portfolio = sample_portfolio(seed=1, accounts=1)
    with pytest.raises(InvalidInput) as refused:
        compare([STANDARD, STRICT, STANDARD], portfolio, start=D(2024, 1, 1), end=D(2024, 1, 2))
    expected = ("policies", ("standard", "strict", "standard"))
    assert expected == (refused.value.field, refused.value.value)
    assert (refused.value.field, refused.value.code) == ("policies", ErrorCode.DUPLICATE)


def test_compare_presets_runs_the_three_presets_over_the_given_portfolio_and_period() -> None:
    portfolio = sample_portfolio(seed=9, accounts=4)
    start, end = D(2024, 2, 1), D(2024, 4, 30)
    expected = compare([LENIENT, STANDARD, STRICT], portfolio, start=start, end=end)
    assert expected == compare_presets(portfolio, start=start, end=end)
    assert list(PRESETS.values()) == [LENIENT, STANDARD, STRICT]


def test_compare_presets_covers_2024_by_default() -> None:
    portfolio = sample_portfolio(seed=9, accounts=2)
    expected = compare([LENIENT, STANDARD, STRICT], portfolio, start=D(2024, 1, 1), end=D(2024, 12, 31))
    assert expected == compare_presets(portfolio)


def test_compare_presets_uses_the_default_sample_portfolio_when_given_none() -> None:
    expected = compare(list(PRESETS.values()), sample_portfolio(), start=D(2024, 1, 1), end=D(2024, 1, 31))
    assert expected == compare_presets(start=D(2024, 1, 1), end=D(2024, 1, 31))
    assert expected == compare_presets(None, start=D(2024, 1, 1), end=D(2024, 1, 31))


# -- optional extras -------------------------------------------------------------------------------


@pytest.fixture
def without_extras(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend pandas and matplotlib are not installed (a None entry makes their import fail)."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)


@pytest.mark.usefixtures("without_extras")
def test_without_the_whatif_extra_conversions_name_the_extra_to_install() -> None:
    comparison = Comparison(results=(QUIET,))
    checks = [
        ("pandas", QUIET.to_pandas),
        ("pandas", comparison.to_pandas),
        ("matplotlib", QUIET.plot),
        ("matplotlib", comparison.plot),
        ("matplotlib", QUIET.to_png),
    ]
    for module, convert in checks:
        with pytest.raises(MissingExtra) as missing:
            convert()
        assert f"{module} is needed: pip install 'cspcore[whatif]'" == str(missing.value)


def test_a_frame_holds_one_row_per_day_and_stage() -> None:
    pytest.importorskip("pandas")
    result = _result("calm", _summary(), accounts=((2, 0, 0), (1, 1, 0)))

    def plain(rows: list[dict[str, object]]) -> list[dict[str, object]]:
        # A frame row back as a record: its day as a date, its exact amount as ``overdue``.
        return [
            {
                "policy": row["policy"],
                "day": row["day"].date(),  # type: ignore[attr-defined]
                "stage": row["stage"],
                "accounts": row["accounts"],
                "overdue": row["overdue_exact"],
            }
            for row in rows
        ]

    frame = QUIET.to_pandas()
    assert QUIET.records() == plain(frame.to_dict("records"))
    both = Comparison(results=(QUIET, result)).to_pandas()
    assert QUIET.records() + result.records() == plain(both.to_dict("records"))


# -- figures ---------------------------------------------------------------------------------------


def _stacked(accounts: tuple[tuple[int, int, int], ...], policy: str = "calm") -> SimulationResult:
    return _result(policy, _summary(), accounts=accounts)


def test_a_figure_stacks_the_accounts_in_each_stage_over_the_days() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.dates import date2num

    result = _stacked(((3, 0, 0), (1, 2, 0), (0, 1, 2)))
    figure = result.plot()
    assert list(figure.get_size_inches()) == [10.0, 3.2]
    assert figure.get_suptitle() == ""
    (axis,) = figure.axes
    assert (axis.get_title(), axis.get_ylabel()) == ("calm", "accounts")
    legend = axis.get_legend()
    assert [text.get_text() for text in legend.get_texts()] == ["reminder", "suspend"]
    assert legend._loc == 2  # "upper left"; matplotlib has no public getter
    from matplotlib.font_manager import FontProperties

    small = FontProperties(size="small").get_size_in_points()
    assert [small, small] == [text.get_fontsize() for text in legend.get_texts()]
    # one band per stage past clear: reminder from 0 up, suspend on top of it
    assert len(axis.collections) == 2
    low, high = axis.dataLim.intervalx
    assert (low, high) == (date2num(D(2024, 3, 1)), date2num(D(2024, 3, 3)))  # type: ignore[no-untyped-call]
    assert axis.dataLim.intervaly[1] == 3.0


def test_a_comparison_draws_one_panel_per_policy_sharing_both_axes_under_its_title() -> None:
    pytest.importorskip("matplotlib")
    first = _stacked(((3, 0, 0), (1, 2, 0)), "calm")
    second = _stacked(((0, 0, 3), (0, 3, 0)), "tough")
    figure = Comparison(results=(first, second)).plot(title="Who gets suspended")
    assert list(figure.get_size_inches()) == [10.0, 6.4]
    assert figure.get_suptitle() == "Who gets suspended"
    top, bottom = figure.axes
    expected = [("calm", "accounts"), ("tough", "accounts")]
    assert expected == [(a.get_title(), a.get_ylabel()) for a in figure.axes]
    assert top.get_shared_x_axes().joined(top, bottom)
    assert top.get_shared_y_axes().joined(top, bottom)
    # every panel names its own stages (the old chart had one legend, in the first panel only)
    for axis, result in zip((top, bottom), (first, second), strict=True):
        assert [t.get_text() for t in axis.get_legend().get_texts()] == list(result.stage_names[1:])


def test_a_result_figure_carries_the_title_it_is_given() -> None:
    pytest.importorskip("matplotlib")
    assert QUIET.plot(title="One policy").get_suptitle() == "One policy"


def test_png_bytes_are_png_whatever_the_default_save_format() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    comparison = Comparison(results=(QUIET,))
    with matplotlib.rc_context({"savefig.format": "svg"}):
        assert QUIET.to_png().startswith(b"\x89PNG\r\n\x1a\n")
        assert comparison.to_png().startswith(b"\x89PNG\r\n\x1a\n")
