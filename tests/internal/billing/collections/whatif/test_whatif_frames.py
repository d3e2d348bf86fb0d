"""The what-if extras helper names the extra to install, and the HTML table escapes and handles nothing."""

from __future__ import annotations

import pytest

from cspcore.billing.collections.whatif import MissingExtra
from cspcore.billing.collections.whatif._frames import html_table, require


def test_a_missing_extra_is_a_clear_error() -> None:
    with pytest.raises(MissingExtra, match=r"cspcore\[nothing\]"):
        require("cspcore_no_such_module", "nothing")


def test_a_missing_extra_is_an_import_error_too() -> None:
    with pytest.raises(ImportError):
        require("cspcore_no_such_module", "nothing")


def test_empty_tables_render_as_empty() -> None:
    assert html_table([]) == "<table></table>"


def test_every_header_and_cell_is_escaped() -> None:
    table = html_table([{"<k>": "a&b"}])
    assert "<th>&lt;k&gt;</th>" in table
    assert "<td>a&amp;b</td>" in table
