"""Plain data (decoded TOML or JSON) into values, through one cattrs converter (internal).

Readers of plain data (:func:`cspcore.billing.history_from_dict`,
:func:`cspcore.billing.portfolio.portfolio_from_dict`, :meth:`cspcore.billing.CollectionsPolicy.from_dict`)
describe the shape they accept with the hooks below and call :func:`structure`. cattrs walks the data:
it refuses unknown keys, notices missing ones and collects, for each table, every field that failed.
:func:`structure` turns the first failure (an unknown key before any other) into an
:class:`~cspcore.errors.InvalidInput` whose ``field`` is the path of the bad value
(``stages[1].after_days``) and whose ``code`` says what is wrong:

* a missing key: :attr:`~cspcore.errors.ErrorCode.MISSING`, at the key's path;
* an unknown key: :attr:`~cspcore.errors.ErrorCode.UNKNOWN_VALUE`, at the key's path, the key as value;
* a table that is not a mapping, a list that is not a list: :attr:`~cspcore.errors.ErrorCode.WRONG_TYPE`;
* anything a value's own check refuses: that check's code, its field appended to the path.

Every field of a table is handed as it is to the class the table becomes (its converters and
validators are the checks), unless a hook is given for it. Lists are read item by item and stop at
the first bad item, so a hostile list of millions of bad items costs one refusal, not millions.

>>> import attrs
>>> @attrs.frozen
... class Point:
...     x: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
...     y: int = 0
>>> structure({"x": 1}, table(Point), root="point")
Point(x=1, y=0)
>>> structure([{"x": 1}, {"x": "2"}], items(table(Point)), root="points")
Traceback (most recent call last):
...
cspcore.errors.InvalidInput: [1].x: expected an int (got '2')
>>> structure({"x": 1, "z": 3}, table(Point), root="point")
Traceback (most recent call last):
...
cspcore.errors.InvalidInput: z: unknown key (got 'z')
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn_from_attrs, make_dict_unstructure_fn_from_attrs, override

from cspcore import _validate
from cspcore.currencies import currency_code
from cspcore.errors import ErrorCode, InvalidInput

__all__ = [
    "AMOUNT",
    "CURRENCY",
    "DATE",
    "ISO_DATE",
    "ISO_DATETIME",
    "Hook",
    "at",
    "enum",
    "items",
    "keywords",
    "optional",
    "structure",
    "table",
    "tagged",
    "text",
    "unstructurer",
]

T = TypeVar("T")
#: A structure hook, in cattrs' shape: ``hook(value, type)`` returns the structured value.
Hook = Callable[[Any, Any], Any]

#: The one converter: unknown keys refused, every failure of a table collected with its path.
#: The hooks here are given per field (cattrs ``override``), so nothing is registered on it.
_CONVERTER: Final = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


def _given(value: Any, _type: Any) -> Any:
    """The hook of a field that the class's own converter and validator check."""
    return value


# -- scalar hooks: each refuses with the field "" (the value itself), which the path then names ----


def text(value: Any, _type: Any) -> str:
    """A non-empty string.

    >>> text("sub-1", str)
    'sub-1'
    """
    return _validate.text(value, "")


def _amount(value: Any, _type: Any) -> Any:
    return _validate.decimal(value, "")


def _currency(value: Any, _type: Any) -> str:
    return currency_code(value, "")


def _date(value: Any, _type: Any) -> dt.date:
    return _validate.date(value, "")


def _iso_date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidInput("", "not an ISO date (YYYY-MM-DD)", value, code=ErrorCode.MALFORMED) from None
    return _validate.date(value, "")


def _iso_datetime(value: Any, _type: Any) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(
                "", "not an ISO date and time (2024-07-01T09:30:00Z)", value, code=ErrorCode.MALFORMED
            ) from None
    return _validate.aware_datetime(value, "")


#: An amount: a ``Decimal``, an ``int`` or a numeric ``str`` (never a float), bounded as every amount is.
AMOUNT: Final[Hook] = _amount
#: An active ISO 4217 currency code.
CURRENCY: Final[Hook] = _currency
#: A date (a TOML date, or a ``datetime.date`` from code); text is refused.
DATE: Final[Hook] = _date
#: A date, or its ISO text (``2024-01-08``), as JSON files write dates.
ISO_DATE: Final[Hook] = _iso_date
#: An instant with its offset (a TOML offset date-time), or its ISO text (``2024-07-01T09:30:00Z``).
ISO_DATETIME: Final[Hook] = _iso_datetime


def enum(cls: type[Any]) -> Hook:
    """A member of ``cls``, given as itself, its value or its name.

    >>> import enum as std
    >>> class Colour(std.Enum):
    ...     RED = "red"
    >>> enum(Colour)("RED", Colour)
    <Colour.RED: 'red'>
    """

    def member(value: Any, _type: Any) -> Any:
        return _validate.enum_member(cls, value, "")

    return member


def optional(hook: Hook) -> Hook:
    """``hook``, with ``None`` passed through.

    >>> optional(text)(None, str) is None
    True
    """

    def maybe(value: Any, kind: Any) -> Any:
        return None if value is None else hook(value, kind)

    return maybe


# -- tables and lists ------------------------------------------------------------------------------


def _mapping(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInput("", "expected a table (mapping)", value, code=ErrorCode.WRONG_TYPE)
    for key in value:
        if type(key) is not str:
            raise InvalidInput("", "keys must be strings", key, code=ErrorCode.WRONG_TYPE)
    return value


def _fields(cls: type[Any]) -> list[attrs.Attribute[Any]]:
    return [field for field in attrs.fields(cls) if field.init]


def _generated(fields: list[attrs.Attribute[Any]], into: type[Any], hooks: Mapping[str, Hook]) -> Hook:
    unknown = set(hooks) - {field.name for field in fields}
    if unknown:
        msg = f"no such field: {', '.join(sorted(unknown))}"
        raise ValueError(msg)
    overrides: dict[str, Any] = {
        field.name: override(struct_hook=hooks.get(field.name, _given)) for field in fields
    }
    generated = make_dict_structure_fn_from_attrs(
        fields,
        into,
        _CONVERTER,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
        **overrides,
    )

    names = tuple(field.name for field in fields)

    def read(value: Any, _type: Any) -> Any:
        mapping = _mapping(value)
        unknown = [key for key in mapping if key not in names]
        if unknown:  # before anything else: a misspelt key often explains a missing one
            key = min(unknown)
            raise InvalidInput(key, "unknown key", key, code=ErrorCode.UNKNOWN_VALUE, choices=names)
        return generated(mapping, into)

    return read


def table(cls: type[Any], **hooks: Hook) -> Hook:
    """A table (mapping) whose keys are the init fields of the attrs class ``cls``, built into one.

    A key whose field has a default may be left out; any other key is refused. Each value goes to
    ``cls`` as it is, or through the hook given for its field.
    """
    return _generated(_fields(cls), cls, hooks)


def keywords(cls: type[Any], *, extra: Sequence[str] = (), **hooks: Hook) -> Hook:
    """Like :func:`table`, but give the keyword arguments for ``cls`` (a ``dict``) instead of calling it.

    For a table that needs something from elsewhere before it can become a value (prices in the
    currency of another table). ``extra`` names keys that are not fields of ``cls`` and are required;
    the keys left out are left out of the ``dict``, so ``cls``'s own defaults apply.

    >>> import attrs
    >>> @attrs.frozen
    ... class Price:
    ...     amount: str
    ...     note: str = ""
    >>> keywords(Price, extra=("currency",))({"amount": "1", "currency": "EUR"}, dict)
    {'amount': '1', 'currency': 'EUR'}
    """
    more = attrs.fields(attrs.make_class("Extra", {name: attrs.field() for name in extra}))
    return _generated([*_fields(cls), *more], dict, hooks)


def items(hook: Hook) -> Hook:
    """A list (or tuple) of values, each read by ``hook``, as a tuple; stops at the first bad item.

    >>> items(text)(["a", "b"], tuple)
    ('a', 'b')
    """

    def read(value: Any, _type: Any) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(value, Sequence):
            raise InvalidInput("", "expected a list", value, code=ErrorCode.WRONG_TYPE)
        result = []
        for index, item in enumerate(value):
            try:
                result.append(hook(item, Any))
            except (BaseValidationError, InvalidInput) as error:
                error.add_note(IterableValidationNote(f"Structuring item @ index {index}", index, Any))
                raise IterableValidationError("While structuring a list", [error], list) from None
        return tuple(result)

    return read


def tagged(key: str, choices: Mapping[str, Hook]) -> Hook:
    """A table whose ``key`` names which hook reads the rest of it; gives ``(tag, value)``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Rename:
    ...     to: str
    >>> tagged("kind", {"rename": table(Rename)})({"kind": "rename", "to": "b"}, Any)
    ('rename', Rename(to='b'))
    """

    def read(value: Any, _type: Any) -> tuple[str, Any]:
        mapping = _mapping(value)
        if key not in mapping:
            raise InvalidInput(key, f"is required: one of {', '.join(choices)}", None, code=ErrorCode.MISSING)
        tag = mapping[key]
        if type(tag) is not str or tag not in choices:
            raise InvalidInput(
                key,
                f"expected one of {', '.join(choices)}",
                tag,
                code=ErrorCode.UNKNOWN_VALUE,
                choices=tuple(choices),
            )
        return tag, choices[tag]({name: item for name, item in mapping.items() if name != key}, Any)

    return read


# -- from cattrs' failures to InvalidInput ---------------------------------------------------------


def _join(path: str, field: str) -> str:
    if not field:
        return path
    if not path or field.startswith("["):
        return path + field
    return f"{path}.{field}"


def relocated(error: InvalidInput, path: str) -> InvalidInput:
    """``error`` with its field moved under ``path`` (:meth:`~cspcore.errors.InvalidInput.renamed`).

    >>> relocated(InvalidInput("amount", "not a number", "x", code=ErrorCode.NOT_A_NUMBER), "lines[0]").field
    'lines[0].amount'
    """
    return error.renamed(_join(path, error.field))


def _note(error: BaseException) -> AttributeValidationNote | IterableValidationNote | None:
    """The note cattrs put on a failure inside a table or a list, or None for a failure of the whole."""
    for note in reversed(getattr(error, "__notes__", ())):
        if isinstance(note, (AttributeValidationNote, IterableValidationNote)):
            return note
    return None


def _first(error: BaseException, path: str) -> BaseException:
    """The first failure inside ``error`` as an InvalidInput at its path (other errors as they are)."""
    while isinstance(error, BaseValidationError):
        # An unknown key first: it often explains a missing one (a misspelt key).
        inner = next(
            (e for e in error.exceptions if isinstance(e, ForbiddenExtraKeysError)), error.exceptions[0]
        )
        note = _note(inner)
        if isinstance(note, AttributeValidationNote):
            path = _join(path, note.name)
            if type(inner) is KeyError:  # cattrs read ``data[name]`` for a required field
                return InvalidInput(path, "is required", None, show_value=False, code=ErrorCode.MISSING)
        elif isinstance(note, IterableValidationNote):
            path = _join(path, f"[{note.index}]")
        error = inner
    if isinstance(error, ForbiddenExtraKeysError):
        key = min(error.extra_fields)
        return InvalidInput(_join(path, key), "unknown key", key, code=ErrorCode.UNKNOWN_VALUE)
    if isinstance(error, InvalidInput):
        return relocated(error, path)
    return error


def structure(data: object, hook: Hook, *, root: str) -> Any:
    """Read ``data`` with ``hook``; raise the first failure as an InvalidInput naming its path.

    ``root`` names the data itself when the failure is about all of it (not a table at all).

    >>> structure(["a", 5], items(text), root="names")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: [1]: expected a str (got 5)
    >>> structure("a", items(text), root="names")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: names: expected a list (got 'a')
    """
    try:
        return hook(data, Any)
    except (BaseValidationError, InvalidInput) as error:
        failure = _first(error, "")
        if isinstance(failure, InvalidInput) and not failure.field:
            failure = relocated(failure, root)
        raise failure from None


@contextlib.contextmanager
def at(path: str) -> Iterator[None]:
    """Move the field of an InvalidInput raised inside the block under ``path``.

    For values built after :func:`structure` from what it read (a price in a currency read elsewhere).

    >>> with at("events[2]"):
    ...     _validate.integer("1", "quantity")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: events[2].quantity: expected an int (got '1')
    """
    try:
        yield
    except InvalidInput as error:
        raise relocated(error, path) from None


# -- values back to plain data ---------------------------------------------------------------------


def unstructurer(
    cls: type[Any],
    order: Sequence[str],
    hooks: Mapping[str, Callable[[Any], Any]],
    *,
    omit_if_default: Sequence[str] = (),
) -> Callable[[Any], dict[str, Any]]:
    """A function writing a ``cls`` value as a dict of the fields in ``order``, each through its hook.

    Fields named in ``omit_if_default`` are left out while they hold their default.

    >>> import attrs
    >>> @attrs.frozen
    ... class Tag:
    ...     text: str
    ...     note: str = ""
    >>> unstructurer(Tag, ("text", "note"), {"text": str.upper}, omit_if_default=("note",))(Tag("hi"))
    {'text': 'HI'}
    """
    by_name = {field.name: field for field in attrs.fields(cls)}
    fields = [by_name[name] for name in order]
    overrides: dict[str, Any] = {
        name: override(unstruct_hook=hooks.get(name, _same), omit_if_default=name in omit_if_default)
        for name in order
    }
    return make_dict_unstructure_fn_from_attrs(fields, cls, _CONVERTER, **overrides)


def _same(value: Any) -> Any:
    return value
