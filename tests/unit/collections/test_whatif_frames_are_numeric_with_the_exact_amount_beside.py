"""What-if frames are for analysts: numeric amounts, datetime days, a currency, the exact Decimal kept.

``to_pandas()`` gives ``overdue`` as a float and ``day`` as ``datetime64`` so that ``pivot(...).plot()``
and ``resample`` work as on any numeric time series; ``overdue_exact`` holds the exact amount the
simulation computed and ``currency`` names its currency. Figures name their x axis and show each
panel's portfolio size and currency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cspcore.billing import LENIENT, STRICT
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import compare, simulate

BOOK = sample_portfolio(seed=21, accounts=40, currency="JPY")
START, END = dt.date(2024, 1, 1), dt.date(2024, 6, 30)


def test_amounts_are_floats_beside_their_exact_decimals_in_a_named_currency() -> None:
    pytest.importorskip("pandas")
    result = simulate(STRICT, BOOK, start=START, end=END)
    frame = result.to_pandas()
    assert str(frame["overdue"].dtype) == "float64"
    assert str(frame["accounts"].dtype) == "int64"
    assert set(frame["currency"]) == {"JPY"}
    exact = [record["overdue"] for record in result.records()]
    assert list(frame["overdue_exact"]) == exact
    assert all(type(value) is Decimal for value in frame["overdue_exact"])
    assert list(frame["overdue"]) == [float(value) for value in exact]


def test_days_are_datetimes_so_a_pivot_resamples_by_month() -> None:
    pytest.importorskip("pandas")
    frame = compare([LENIENT, STRICT], BOOK, start=START, end=END).to_pandas()
    assert frame["day"].dtype.kind == "M"
    strict = frame[frame["policy"] == "strict"].pivot(index="day", columns="stage", values="overdue")
    monthly = strict.resample("MS").mean()
    assert [day.date() for day in monthly.index] == [dt.date(2024, month, 1) for month in range(1, 7)]
    assert monthly.to_numpy().dtype.kind == "f"


def test_each_panel_names_its_x_axis_portfolio_size_and_currency() -> None:
    pytest.importorskip("matplotlib")
    figure = compare([LENIENT, STRICT], BOOK, start=START, end=END).plot()
    top, bottom = figure.axes
    assert [axis.get_title(loc="right") for axis in figure.axes] == ["40 accounts, JPY"] * 2
    assert bottom.get_xlabel() == "day"
    assert top.get_shared_x_axes().joined(top, bottom)  # the bottom label serves both panels
