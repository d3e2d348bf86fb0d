"""Reasons: why a rule decided what it decided.

Every decision cspcore returns (a cancellation quote, a collections standing, an access check, a
support route) carries a tuple of :class:`Reason` values. A reason has a stable dotted ``code``
(``billing.cancel.window_closed``), the ``params`` its message needs, and the ``source`` the rule
comes from, so that a person can check it. :func:`cspcore.i18n.render` turns a reason into text in
any of the five supported locales.

>>> from cspcore.explain import Reason, Source
>>> reason = Reason(
...     code="core.example",
...     params={"hours": 30},
...     source=Source(document="billing-basics.md", section="Cancellation"),
... )
>>> reason.params["hours"]
30
>>> reason.source.cite()
'Partner Center: billing-basics.md, Cancellation'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any, Final

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore._trusted import trusted_constructor
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.i18n.catalogs import render
from cspcore.money import Money

__all__ = ["PARTNER_CENTER_REPO", "Params", "Reason", "Source"]

#: The public repository (and commit) that the Partner Center page names in :class:`Source` refer to.
PARTNER_CENTER_REPO = "MicrosoftDocs/partner-center-pr (English mirror kvamseek/partner-center @ 85eb3c4)"

_CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")


@positional_deprecated("document", "section", "url", "publisher")
@attrs.frozen(kw_only=True)
class Source:
    """Where a rule comes from.

    Args:
        document: The page, as its path in Partner Center's documentation repository
            (``billing-basics.md``), or another named document.
        section: The heading or table within it, if any.
        url: A link to the live page, when one is stable enough to give.
        publisher: Who published the document (``Partner Center`` by default).
    """

    document: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    section: str | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_validate.optional_text)
    )
    url: str | None = attrs.field(default=None, validator=_validate.attrs_validator(_validate.optional_text))
    publisher: str = attrs.field(
        default="Partner Center",
        converter=_validate.plain_text,
        validator=_validate.attrs_validator(_validate.text),
    )

    def cite(self) -> str:
        """Return a one-line citation.

        >>> Source(document="gdap-faq.md").cite()
        'Partner Center: gdap-faq.md'
        """
        where = self.document if self.section is None else f"{self.document}, {self.section}"
        return f"{self.publisher}: {where}"


@attrs.frozen(init=False, eq=False, repr=False)
class Params(Mapping[str, Any]):
    """An immutable, hashable mapping of a reason's parameters.

    >>> Params({"b": 2, "a": 1}) == Params(a=1, b=2)
    True
    >>> dict(Params(a=1))
    {'a': 1}
    """

    _items: dict[str, Any]

    def __init__(self, items: Mapping[str, Any] | None = None, /, **kwargs: Any) -> None:
        if items is not None and not isinstance(items, Mapping):
            raise InvalidInput("params", "expected a mapping", items, code=ErrorCode.WRONG_TYPE)
        merged = dict(items or {}, **kwargs)
        for key, value in merged.items():
            name: object = key
            if type(name) is not str or not key.isidentifier():
                raise InvalidInput(
                    "params",
                    "keys must be identifiers",
                    key,
                    code=ErrorCode.WRONG_TYPE if type(name) is not str else ErrorCode.MALFORMED,
                )
            if type(value) not in _PLAIN:  # the common kinds pass at once; the rest are checked whole
                _check_param(key, value)
        self.__attrs_init__(merged)  # attrs' own (frozen) initialiser for the one field

    def __reduce__(self) -> tuple[Any, ...]:
        return (Params, (self._items,))

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Params):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Params({self._items!r})"


#: The kinds of parameter value a message may format; :data:`_PLAIN` are the exact types that need no
#: further look (a subclass, an enum member or a tuple is checked item by item).
_ALLOWED: Final = (str, int, Decimal, Money, dt.date, Enum, type(None))
_PLAIN: Final = frozenset({str, int, Decimal, Money, dt.date, dt.datetime, type(None)})


def _check_param(key: str, value: object) -> None:
    allowed = _ALLOWED
    if isinstance(value, float):
        raise InvalidInput(f"params.{key}", "floats are refused", value, code=ErrorCode.WRONG_TYPE)
    if isinstance(value, tuple):
        for item in value:
            _check_param(key, item)
        return
    if not isinstance(value, allowed):
        raise InvalidInput(
            f"params.{key}",
            "must be a str, int, Decimal, Money, date, datetime, enum or tuple",
            value,
            code=ErrorCode.WRONG_TYPE,
        )


def _to_params(value: Mapping[str, Any] | Params | None) -> Params:
    if isinstance(value, Params):
        return value
    if value is None:
        return Params()
    if not isinstance(value, Mapping):
        raise InvalidInput("params", "expected a mapping", value, code=ErrorCode.WRONG_TYPE)
    return Params(value)


def _optional_source(value: object, field: str) -> None:
    if value is not None:
        _validate.instance(value, Source, field)


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    text: object = value
    if not isinstance(text, str) or not _CODE.fullmatch(text):
        raise InvalidInput(
            "code",
            "must be a dotted lower-case identifier such as 'billing.cancel.full'",
            value,
            code=ErrorCode.WRONG_TYPE if not isinstance(text, str) else ErrorCode.MALFORMED,
        )


@positional_deprecated("code", "params", "source")
@attrs.frozen(kw_only=True)
class Reason:
    """One reason behind a decision.

    Args:
        code: A stable dotted identifier; its first segment names the message catalog domain
            (``core``, ``billing``, ``roles``, ``support``).
        params: The values the message needs, by placeholder name.
        source: The document and section the rule comes from.
    """

    code: str = attrs.field(validator=_check_code)
    params: Params = attrs.field(factory=Params, converter=_to_params)
    source: Source | None = attrs.field(default=None, validator=_validate.attrs_validator(_optional_source))

    @property
    def domain(self) -> str:
        """The catalog domain: the first segment of :attr:`code`.

        >>> Reason(code="billing.cancel.full").domain
        'billing'
        """
        return self.code.split(".", 1)[0]

    def __str__(self) -> str:
        """The reason in English, as :func:`cspcore.i18n.render` gives it.

        >>> str(Reason(code="support.route.initial_response", params={"severity": "B", "hours": 4}))
        "Microsoft's initial response for severity B is 4 hours (English-language break-fix support)."
        """
        return render(self, locale="en")


_params_of: Final = trusted_constructor(Params)
_reason_of: Final = trusted_constructor(Reason, keyword_only=True)


def trusted_reason(code: str, params: dict[str, Any], source: Source | None) -> Reason:
    """A :class:`Reason` from parts its caller built from checked values of its own, not checked again.

    Internal to cspcore (not in ``__all__``), for a rule that builds many reasons on a hot path (an
    access check's first sight of a role set): ``code`` must be a literal code of the catalogs,
    ``params`` a fresh dict (the reason keeps it) of values a message may format, ``source`` a
    :class:`Source` or ``None``. It equals the checked
    ``Reason(code=code, params=params, source=source)``.

    >>> trusted_reason("core.example", {"hours": 30}, None) == Reason(
    ...     code="core.example", params={"hours": 30}
    ... )
    True
    """
    return _reason_of(code=code, params=_params_of(params), source=source)
