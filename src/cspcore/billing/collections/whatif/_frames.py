"""What-if frames and plots: the optional extras (pandas, matplotlib) and the HTML summary (internal).

The result values of :mod:`~cspcore.billing.collections.whatif.results` turn into tables, figures and
PNG bytes here; pandas and matplotlib are imported only when one is asked for (:func:`require`, from
:mod:`cspcore._extras`, the one owner of optional imports).

>>> html_table([{"policy": "a<b"}])
'<table><thead><tr><th>policy</th></tr></thead><tbody><tr><td>a&lt;b</td></tr></tbody></table>'
"""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING, Any, Protocol

from cspcore._extras import MissingExtra, require

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

__all__ = ["MissingExtra", "Plotted", "html_table", "plot", "png", "require", "series_frame", "stage_colours"]


class _Point(Protocol):
    @property
    def day(self) -> dt.date: ...

    @property
    def accounts(self) -> tuple[int, ...]: ...


class Plotted(Protocol):
    """What a plot reads from a simulation result: its policy, currency, stage names and daily series."""

    @property
    def policy(self) -> str: ...

    @property
    def currency(self) -> str: ...

    @property
    def stage_names(self) -> tuple[str, ...]: ...

    @property
    def series(self) -> Sequence[_Point]: ...


def html_table(rows: list[dict[str, Any]]) -> str:
    """``rows`` as an HTML table, every header and cell escaped (an empty table for no rows).

    >>> html_table([])
    '<table></table>'
    """
    if not rows:
        return "<table></table>"
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values()) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def series_frame(records: list[dict[str, Any]]) -> Any:
    """Daily records (with a ``currency`` each) as a ``pandas.DataFrame`` analysts can plot (needs pandas).

    ``day`` becomes ``datetime64`` (so ``resample`` and date axes work), ``overdue`` a float (so
    ``pivot(...).plot()`` and aggregations work), and ``overdue_exact`` keeps the exact ``Decimal``.
    Columns: ``policy, day, stage, accounts, overdue, overdue_exact, currency``.
    """
    pandas = require("pandas", "whatif")
    columns = ["policy", "day", "stage", "accounts", "overdue", "overdue_exact", "currency"]
    frame = pandas.DataFrame.from_records(records, columns=[c for c in columns if c != "overdue_exact"])
    exact = frame["overdue"].astype(object)
    frame["day"] = pandas.to_datetime(frame["day"])
    frame["accounts"] = frame["accounts"].astype("int64")
    frame["overdue"] = exact.map(float).astype("float64")  # float(Decimal) rounds correctly
    frame.insert(5, "overdue_exact", exact)
    return frame[columns]


def stage_colours(results: Sequence[Plotted]) -> dict[str, Any]:
    """One colour per stage name over all ``results``, in order of first appearance (needs matplotlib).

    The same name gets the same colour in every panel, whatever its position in its policy, so a
    custom policy's ``suspend`` is never drawn in the colour of another policy's ``block_purchases``.
    """
    require("matplotlib", "whatif")
    from matplotlib import colormaps  # noqa: PLC0415 - optional extra

    names: list[str] = []
    for result in results:
        names.extend(name for name in result.stage_names[1:] if name not in names)
    palette = colormaps["tab10" if len(names) <= 10 else "tab20"]
    if len(names) <= 20:
        return {name: palette(index) for index, name in enumerate(names)}
    spread = colormaps["turbo"]
    return {name: spread(index / (len(names) - 1)) for index, name in enumerate(names)}


def plot(results: Sequence[Plotted], *, title: str | None) -> Any:
    """One stacked panel of accounts per stage for each result, sharing the axes (needs matplotlib)."""
    require("matplotlib", "whatif")
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra

    colours = stage_colours(results)
    figure = Figure(figsize=(10, 3.2 * max(1, len(results))))
    axes = figure.subplots(len(results), 1, squeeze=False, sharex=True, sharey=True)
    for row, result in enumerate(results):
        axis = axes[row][0]
        days = [point.day for point in result.series]
        names = result.stage_names[1:]
        stacks = [[point.accounts[i] for point in result.series] for i in range(1, len(result.stage_names))]
        axis.stackplot(days, *stacks, labels=names, colors=[colours[name] for name in names])
        axis.set_title(result.policy)
        # The portfolio's size (every account is in one slot each day, clear included) and currency.
        size = sum(result.series[0].accounts) if result.series else 0
        axis.set_title(f"{size:,} accounts, {result.currency}", loc="right", fontsize="small")
        axis.set_ylabel("accounts")
        axis.legend(loc="upper left", fontsize="small")  # each panel names its own stages
    axes[-1][0].set_xlabel("day")  # the panels share the x axis: the bottom one names it
    if title is not None:
        figure.suptitle(title)
    return figure


def png(figure: Any) -> bytes:
    """A matplotlib ``figure`` as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
