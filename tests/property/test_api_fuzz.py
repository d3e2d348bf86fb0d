"""API-wide fuzzing: every public callable refuses bad input with a CspError, and nothing else escapes.

Each public name in each package's ``__all__`` that can be called (functions, classes, enums) is called with
plausible values for its parameters, one of which may be swapped for an adversarial value (wrong types,
NaN, infinities, naive datetimes, huge numbers, odd strings, unknown enum spellings). The call may return
or raise a :class:`cspcore.CspError`; any other exception fails. Where the adversarial value plainly
contradicts the annotation (a float for money or a number, a naive datetime for an instant, a datetime
for a date), a normal return is a silent wrong result and fails too.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import types
import typing
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspcore import CspError, Money, Rounding
from cspcore.testing.strategies import adversarial_values, aware_datetimes, dates, money

if typing.TYPE_CHECKING:
    from collections.abc import Callable

PACKAGES = (
    "cspcore",
    "cspcore.money",
    "cspcore.dates",
    "cspcore.errors",
    "cspcore.explain",
    "cspcore.i18n",
    "cspcore.billing",
    "cspcore.billing.whatif",
    "cspcore.billing.portfolio",
    "cspcore.roles",
    "cspcore.support",
    "cspcore.interop",
    "cspcore.interop.partner_center",
    "cspcore.interop.explain",
)
#: Callables that are not rules: exception classes (constructed by cspcore itself) and plain containers.
SKIP = {"CspError", "InvalidInput", "CurrencyMismatch", "RuleViolation", "ErrorCode"}


def _public_callables() -> list[tuple[str, Callable[..., Any]]]:
    found: dict[int, tuple[str, Callable[..., Any]]] = {}
    for name in PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if not callable(obj) or attr in SKIP or attr.startswith("_"):
                continue
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue
            found.setdefault(id(obj), (f"{name}.{attr}", obj))
    return sorted(found.values(), key=lambda item: item[0])


CALLABLES = _public_callables()


def _hints(func: Callable[..., Any]) -> dict[str, Any]:
    target = func.__init__ if isinstance(func, type) and not issubclass(func, enum.Enum) else func
    try:
        return typing.get_type_hints(target)
    except Exception:  # noqa: BLE001 - unresolvable annotations just mean no plausible values
        return {}


def _parameters(func: Callable[..., Any]) -> list[inspect.Parameter]:
    if isinstance(func, type) and issubclass(func, enum.Enum):
        return [inspect.Parameter("value", inspect.Parameter.POSITIONAL_ONLY)]
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [p for p in signature.parameters.values() if p.kind not in kinds and p.name != "self"]


def _plausible(annotation: Any) -> st.SearchStrategy[Any]:  # noqa: C901, PLR0911 - one branch per kind
    origin = typing.get_origin(annotation)
    if origin in {typing.Union, types.UnionType}:
        return st.one_of([_plausible(arg) for arg in typing.get_args(annotation)])
    if origin in {tuple, list, frozenset, set}:
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        inner = _plausible(args[0]) if args else st.none()
        return st.lists(inner, max_size=3).map(origin if origin is not tuple else tuple)
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type):
        if issubclass(annotation, bool):
            return st.booleans()
        if issubclass(annotation, enum.Enum):
            members = list(annotation) or list(Rounding)  # a bare Enum annotation: any member will do
            return st.sampled_from(members)
        if issubclass(annotation, dt.datetime):
            return aware_datetimes()
        if issubclass(annotation, dt.date):
            return dates()
        if issubclass(annotation, Money):
            return money(currency="EUR")
        if issubclass(annotation, Decimal):
            return st.decimals(-1000, 1000, places=2)
        if issubclass(annotation, int):
            return st.integers(0, 100)
        if issubclass(annotation, str):
            return st.sampled_from(["EUR", "en_US", "cs_CZ", "sub-1", "G000123", "P1Y", "monthly"])
    return adversarial_values()


def _must_refuse(annotation: Any, value: object) -> bool:
    """Whether accepting ``value`` for a parameter with ``annotation`` is plainly a silent wrong result."""
    if annotation is None or annotation is Any or annotation is object:
        return False
    allowed = (
        typing.get_args(annotation)
        if typing.get_origin(annotation) in {typing.Union, types.UnionType}
        else (annotation,)
    )
    classes = tuple(a for a in allowed if isinstance(a, type))
    if not classes or len(classes) != len(allowed) or object in classes:
        return False
    if isinstance(value, float):
        return float not in classes
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return not any(issubclass(c, dt.datetime) for c in classes) or True
    if isinstance(value, dt.datetime):
        return all(issubclass(c, dt.date) and not issubclass(c, dt.datetime) for c in classes)
    return False


@pytest.mark.parametrize(("name", "func"), CALLABLES, ids=[name for name, _ in CALLABLES])
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_public_callable_refuses_bad_input_with_cspcore_errors_only(
    name: str, func: Callable[..., Any], data: st.DataObject
) -> None:
    parameters = _parameters(func)
    hints = _hints(func)
    victim = (
        data.draw(st.integers(-1, len(parameters) - 1), label="adversarial parameter") if parameters else -1
    )
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    adversarial: tuple[Any, object] | None = None
    for index, parameter in enumerate(parameters):
        annotation = hints.get(parameter.name)
        optional = parameter.default is not inspect.Parameter.empty
        if index == victim:
            value = data.draw(adversarial_values(), label=parameter.name)
            adversarial = (annotation, value)
        elif optional and not data.draw(st.booleans(), label=f"give {parameter.name}"):
            continue
        else:
            value = data.draw(
                _plausible(annotation) if annotation is not None else adversarial_values(),
                label=parameter.name,
            )
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
    if adversarial is not None and _must_refuse(*adversarial):
        pytest.fail(f"{name} accepted {adversarial[1]!r} for a parameter annotated {adversarial[0]!r}")
