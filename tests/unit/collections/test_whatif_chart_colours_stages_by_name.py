"""The what-if chart colours and labels every stage by its own name, in every panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore.billing import STANDARD, Action, CollectionsPolicy, Stage
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import compare, simulate

pytest.importorskip("matplotlib")

START, END = dt.date(2024, 1, 1), dt.date(2024, 6, 30)
#: A custom policy whose "suspend" sits where STANDARD has "block_purchases" (third stage).
CUSTOM = CollectionsPolicy(
    name="custom",
    stages=(
        Stage(name="reminder", after_days=0, actions={Action.REMIND}),
        Stage(
            name="suspend", after_days=10, actions={Action.SUSPEND_SUBSCRIPTIONS, Action.BLOCK_NEW_PURCHASES}
        ),
        Stage(name="agency", after_days=40, actions=[Action.REFER_TO_AGENCY]),
    ),
)


def panels(figure: Any) -> list[tuple[str, list[str], list[tuple[float, ...]], list[str]]]:
    """Per panel: its title, the stacked areas' labels and face colours, and the legend's labels."""
    found = []
    for axis in figure.axes:
        areas = axis.collections
        legend = axis.get_legend()
        found.append(
            (
                axis.get_title(),
                [area.get_label() for area in areas],
                [tuple(area.get_facecolor()[0]) for area in areas],
                [] if legend is None else [text.get_text() for text in legend.get_texts()],
            )
        )
    return found


def test_every_panel_labels_its_stages_by_name_and_has_a_legend_of_them() -> None:
    comparison = compare([STANDARD, CUSTOM], sample_portfolio(seed=3, accounts=12), start=START, end=END)
    drawn = panels(comparison.plot())
    assert [title for title, *_ in drawn] == ["standard", "custom"]
    for (_title, labels, _colours, legend), result in zip(drawn, comparison.results, strict=True):
        assert labels == list(result.stage_names[1:])
        assert legend == labels


def test_a_stage_name_has_one_colour_in_every_panel_and_names_never_share_one() -> None:
    comparison = compare([STANDARD, CUSTOM], sample_portfolio(seed=3, accounts=12), start=START, end=END)
    colour_of: dict[str, tuple[float, ...]] = {}
    for _title, labels, colours, _legend in panels(comparison.plot()):
        for label, colour in zip(labels, colours, strict=True):
            assert colour_of.setdefault(label, colour) == colour
    assert len(set(colour_of.values())) == len(colour_of)
    # the custom "suspend" is third like STANDARD's "block_purchases", yet drawn in its own colour
    assert colour_of["suspend"] != colour_of["block_purchases"]


def test_a_single_result_is_drawn_by_name_with_its_legend() -> None:
    result = simulate(CUSTOM, sample_portfolio(seed=3, accounts=5), start=START, end=END)
    ((title, labels, colours, legend),) = panels(result.plot(title="one"))
    assert (title, labels, legend) == ("custom", ["reminder", "suspend", "agency"], labels)
    assert len(set(colours)) == len(labels)
