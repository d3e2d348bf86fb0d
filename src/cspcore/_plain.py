"""Plain data (decoded TOML or JSON) into values, with errors that name the path (internal)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cspcore.errors import CspError, InvalidInput


def table(value: object, path: str) -> Mapping[str, Any]:
    """Return ``value`` if it is a mapping with string keys.

    >>> dict(table({"a": 1}, "root"))
    {'a': 1}
    """
    if not isinstance(value, Mapping):
        raise InvalidInput(path, "expected a table (mapping)", value)
    for key in value:
        if not isinstance(key, str):
            raise InvalidInput(path, "keys must be strings", key)
    return value


def tables(value: object, path: str) -> list[Mapping[str, Any]]:
    """Return ``value`` if it is a list of tables.

    >>> tables([{"a": 1}], "rows")
    [{'a': 1}]
    """
    if not isinstance(value, list):
        raise InvalidInput(path, "expected a list of tables", value)
    return [table(item, f"{path}[{index}]") for index, item in enumerate(value)]


def only_keys(data: Mapping[str, Any], allowed: set[str] | frozenset[str], path: str) -> None:
    """Refuse keys outside ``allowed``, naming them.

    >>> only_keys({"a": 1}, {"a", "b"}, "root")
    """
    extra = sorted(set(data) - set(allowed))
    if extra:
        expected = ", ".join(sorted(allowed))
        raise InvalidInput(path, f"unknown key(s) {', '.join(extra)}; expected some of {expected}", extra)


def build(path: str, factory: Callable[..., Any], fields: Mapping[str, Any]) -> Any:
    """Call ``factory(**fields)``, prefixing the field of any InvalidInput with ``path``.

    >>> build("point", dict, {"x": 1})
    {'x': 1}
    """
    try:
        return factory(**fields)
    except InvalidInput as error:
        raise InvalidInput(f"{path}.{error.field}", error.problem, error.value) from None
    except CspError:
        raise
    except TypeError as error:  # a missing required field
        raise InvalidInput(path, f"incomplete: {error}", dict(fields)) from None
