"""tools/mutation.py: a survivor that only rewords an error message is reported apart and not scored.

Programs match a refusal on its type, field and code; each family's wording is pinned once
(tests/unit/core/test_error_wording.py). A mutant that changes a message's text, and nothing else,
so says nothing about untested behaviour. Anything else it changes (the field, the code, the value,
a condition, a message whose call the diff does not show) counts as usual.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).parents[3]


RULE_VIOLATIONS = ["class CancellationWindowClosed(RuleViolation): ..."]


def wording(tool: ModuleType, mutant: str) -> bool:
    """The tool's verdict on a diff, with one subclass of RuleViolation defined in the sources."""
    answer: bool = tool.wording_only(mutant, tool.wording_calls(RULE_VIOLATIONS))
    return answer


def diff(old: str, new: str, *, before: str = "def f(x):\n    if x < 0:\n") -> str:
    """A diff as ``mutmut show`` prints it: the mutant's name, the file, then one hunk."""
    lines = [
        "# cspcore.m.x_f__mutmut_1: survived",
        "--- src/cspcore/m.py",
        "+++ src/cspcore/m.py",
        "@@ -1,9 +1,9 @@",
    ]
    lines += [" " + line for line in before.splitlines()]
    lines += ["-" + line for line in old.splitlines()]
    lines += ["+" + line for line in new.splitlines()]
    lines += ["     return x"]
    return "\n".join(lines)


REWORDED = [
    pytest.param(
        '        raise InvalidInput("x", "must not be negative", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", "XXmust not be negativeXX", x, code=ErrorCode.OUT_OF_RANGE)',
        id="the problem, positional",
    ),
    pytest.param(
        '        raise InvalidInput("x", f"is before {start}", x, code=ErrorCode.INCONSISTENT)',
        '        raise InvalidInput("x", f"XXis before {start}XX", x, code=ErrorCode.INCONSISTENT)',
        id="an f-string problem",
    ),
    pytest.param(
        '        raise InvalidInput(field="x", problem="too big", value=x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput(field="x", problem="XXtoo bigXX", value=x, code=ErrorCode.OUT_OF_RANGE)',
        id="the problem, by keyword",
    ),
    pytest.param(
        '        raise errors.InvalidInput("x", "a fraction" + hint, x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise errors.InvalidInput("x", "XXa fractionXX" + hint, x, code=ErrorCode.OUT_OF_RANGE)',
        id="part of a problem built from pieces",
    ),
    pytest.param(
        '        raise InvalidInput("x", "must not be negative", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", "MUST NOT BE NEGATIVE", x, code=ErrorCode.OUT_OF_RANGE)',
        id="the problem in capitals",
    ),
    pytest.param(
        '        raise InvalidInput("x", "must not be negative", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", None, x, code=ErrorCode.OUT_OF_RANGE)',
        id="the problem made None",
    ),
    pytest.param(
        '        raise CancellationWindowClosed(f"the window closed at {x}", reasons=(reason,))',
        '        raise CancellationWindowClosed(f"XXthe window closed at {x}XX", reasons=(reason,))',
        id="a rule violation's message",
    ),
]


@pytest.mark.parametrize(("old", "new"), REWORDED)
def test_a_mutant_that_only_rewords_an_error_is_wording(
    old: str, new: str, mutation_tool: ModuleType
) -> None:
    assert wording(mutation_tool, diff(old, new))


def test_a_message_on_its_own_line_of_a_call_is_wording(mutation_tool: ModuleType) -> None:
    before = "def f(x):\n    if x < 0:\n        raise InvalidInput(\n            'x',\n"
    old = '            "must not be negative",'
    new = '            "XXmust not be negativeXX",'
    assert wording(mutation_tool, diff(old, new, before=before))


def test_a_message_below_the_end_of_a_docstring_is_wording(mutation_tool: ModuleType) -> None:
    # a function's first statement: the diff's context begins with the close of its docstring
    before = '    The answer.\n    """\n    if x < 0:\n'
    old = '        raise InvalidInput("x", "must not be negative", x, code=ErrorCode.OUT_OF_RANGE)'
    new = '        raise InvalidInput("x", None, x, code=ErrorCode.OUT_OF_RANGE)'
    assert wording(mutation_tool, diff(old, new, before=before))
    assert wording(mutation_tool, diff(old, new, before=before.replace('\n    """', ' """')))
    behaviour = '        raise InvalidInput("x", "must not be negative", None, code=ErrorCode.OUT_OF_RANGE)'
    assert not wording(mutation_tool, diff(old, behaviour, before=before))


BEHAVIOUR = [
    pytest.param(
        '        raise InvalidInput("x", "bad", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("XXxXX", "bad", x, code=ErrorCode.OUT_OF_RANGE)',
        id="the field",
    ),
    pytest.param(
        '        raise InvalidInput("x", "bad", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", "bad", x, code=None)',
        id="the code",
    ),
    pytest.param(
        '        raise InvalidInput("x", "bad", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", "bad", None, code=ErrorCode.OUT_OF_RANGE)',
        id="the value",
    ),
    pytest.param(
        '        raise InvalidInput("x", "bad", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", "bad", code=ErrorCode.OUT_OF_RANGE)',
        id="an argument left out",
    ),
    pytest.param(
        '        raise InvalidInput("x", "bad", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", "bad", x, code=ErrorCode.OUT_OF_RANGE, show_value=None)',
        id="an argument added",
    ),
    pytest.param(
        '        raise InvalidInput("x", "bad", x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", "XXbadXX", x, code=ErrorCode.OUT_OF_RANGE)\n        x = 1',
        id="the message and another line",
    ),
    pytest.param(
        '        raise InvalidInput("x", describe("bad"), x, code=ErrorCode.OUT_OF_RANGE)',
        '        raise InvalidInput("x", describe("XXbadXX"), x, code=ErrorCode.OUT_OF_RANGE)',
        id="text given to another call",
    ),
    pytest.param(
        '        raise ValueError("must not be negative")',
        '        raise ValueError("XXmust not be negativeXX")',
        id="another exception's message",
    ),
    pytest.param(
        '        return {"unit": "EUR"}',
        '        return {"XXunitXX": "EUR"}',
        id="a key",
    ),
    pytest.param(
        '        return Reason("billing.cancel.full", {})',
        '        return Reason("XXbilling.cancel.fullXX", {})',
        id="a reason's code",
    ),
]


@pytest.mark.parametrize(("old", "new"), BEHAVIOUR)
def test_a_mutant_that_changes_anything_else_is_counted(
    old: str, new: str, mutation_tool: ModuleType
) -> None:
    assert not wording(mutation_tool, diff(old, new))


def test_a_message_whose_call_the_diff_does_not_show_is_counted(mutation_tool: ModuleType) -> None:
    # the call began more lines above than the diff's context shows: nothing says it is a message
    before = "            'x',\n            x,\n            hint,\n"
    old = '            "must not be negative",'
    new = '            "XXmust not be negativeXX",'
    assert not wording(mutation_tool, diff(old, new, before=before))


def test_an_empty_or_unchanged_diff_is_not_wording(mutation_tool: ModuleType) -> None:
    assert not wording(mutation_tool, "")
    assert not wording(mutation_tool, diff("        x = 1", "        x = 1"))


def test_subclasses_of_rule_violation_are_found_in_the_sources_however_deep(
    mutation_tool: ModuleType,
) -> None:
    calls = mutation_tool.wording_calls(
        [
            "class Closed(RuleViolation):\n    pass\n",
            "class LateClosed(errors.Closed, Mixin):\n    pass\n",
            "class Unrelated(ValueError):\n    pass\n",
        ]
    )
    assert calls["LateClosed"] == calls["Closed"] == calls["RuleViolation"] == (0, "message")
    assert calls["InvalidInput"] == (1, "problem")
    assert "Unrelated" not in calls


def test_the_library_defines_rule_violations_that_the_tool_recognises(mutation_tool: ModuleType) -> None:
    sources = [path.read_text("utf-8") for path in (ROOT / "src/cspcore").rglob("*.py")]
    calls = mutation_tool.wording_calls(sources)
    assert {"CancellationWindowClosed", "InvoiceClosed", "NegativeInvoice"} <= set(calls)


def test_wording_survivors_leave_the_score_and_the_gate(mutation_tool: ModuleType) -> None:
    listing = (
        "    cspcore.money.x_total__mutmut_1: killed\n"
        "    cspcore.money.x_total__mutmut_2: survived\n"
        "    cspcore.money.x_total__mutmut_3: survived\n"
    )
    counts = mutation_tool.scores(listing)
    names = mutation_tool.survivors(listing)
    assert names == [
        ("money", "cspcore.money.x_total__mutmut_2"),
        ("money", "cspcore.money.x_total__mutmut_3"),
    ]
    mutation_tool.reclassify(counts, ["money"])
    assert counts == {"money": Counter(killed=1, survived=1, wording=1)}
    assert mutation_tool.verdicts(counts, ["money"], 50) == []
    assert mutation_tool.verdicts(counts, ["money"], 60) == ["money: 50.0 % detected, below 60 %"]
