"""API-wide fuzzing: every public callable refuses bad input with a CspError, and nothing else escapes.

Each public name in each package's ``__all__`` that can be called (functions, classes, enums, and the
public class methods of classes) is called with plausible values for its parameters (valid domain
values from :mod:`cspcore.testing` where the annotation names one; see ``public_api.py``), one of which
may be swapped for an adversarial value (wrong types, NaN, infinities, naive datetimes, huge numbers,
odd strings, unknown enum spellings). The call may return or raise a :class:`cspcore.CspError`; any
other exception fails. Where the adversarial value plainly contradicts the annotation (a float for money
or a number, a naive datetime for an instant, a datetime for a date), a normal return is a silent wrong
result and fails too. The hostile classes of issue #14 have their own suite, ``test_hostile_inputs.py``.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.property.public_api import hints, must_refuse, parameters, plausible, public_callables

from cspcore import CspError
from cspcore.testing.strategies import adversarial_values

if typing.TYPE_CHECKING:
    from collections.abc import Callable

CALLABLES = public_callables()


@pytest.mark.parametrize(("name", "func"), CALLABLES, ids=[name for name, _ in CALLABLES])
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_public_callable_refuses_bad_input_with_cspcore_errors_only(
    name: str, func: Callable[..., Any], data: st.DataObject
) -> None:
    found = parameters(func)
    resolved = hints(func)
    victim = data.draw(st.integers(-1, len(found) - 1), label="adversarial parameter") if found else -1
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    adversarial: tuple[Any, object] | None = None
    for index, parameter in enumerate(found):
        annotation = resolved.get(parameter.name)
        optional = parameter.default is not inspect.Parameter.empty
        if index == victim:
            value = data.draw(adversarial_values(), label=parameter.name)
            adversarial = (annotation, value)
        elif optional and not data.draw(st.booleans(), label=f"give {parameter.name}"):
            continue
        else:
            value = data.draw(plausible(annotation, parameter.name), label=parameter.name)
        if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[parameter.name] = value
    try:
        func(*args, **kwargs)
    except CspError:
        return
    except RecursionError:  # pragma: no cover - reported as a failure below
        pytest.fail(f"{name} recursed without bound")
    if adversarial is not None and must_refuse(*adversarial):
        pytest.fail(f"{name} accepted {adversarial[1]!r} for a parameter annotated {adversarial[0]!r}")
