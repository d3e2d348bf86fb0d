"""Rules as versioned data: which version of a rule was in force on a given day.

Microsoft changes its rules from time to time (the new-commerce cancellation window was 72 hours
at launch and became seven days in March 2022). A :class:`VersionedRule` holds every version of
one rule, each a :class:`RuleVersion` with the UTC day it took effect, its value and the document
it comes from, so that a history is judged by the rules of its own dates.

>>> import datetime as dt
>>> from cspcore.explain import Source
>>> from cspcore.rules import RuleVersion, VersionedRule
>>> window = VersionedRule(
...     name="example window",
...     versions=(
...         RuleVersion(effective_from=dt.date(2021, 10, 1), value=72, source=Source(document="a.md")),
...         RuleVersion(effective_from=dt.date(2022, 3, 1), value=168, source=Source(document="b.md")),
...     ),
... )
>>> window.at(dt.date(2022, 2, 28)).value, window.at(dt.date(2022, 3, 1)).value
(72, 168)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from typing import Generic, TypeVar

import attrs

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Source

__all__ = ["RuleVersion", "VersionedRule"]

T = TypeVar("T")

#: The most versions one rule may hold (a bound on input size; real rules have a handful).
_MAX_VERSIONS = 1_000


@attrs.frozen(kw_only=True)
class RuleVersion(Generic[T]):
    """One version of a rule: its value from ``effective_from`` (a UTC day) until the next version.

    Args:
        effective_from: The first UTC day this version governs.
        value: What the rule says in this version (any immutable value).
        source: The document and section this version comes from.
        note: A remark for readers (how sure the date is, what a secondary source said).

    >>> import datetime as dt
    >>> from cspcore.explain import Source
    >>> RuleVersion(effective_from=dt.date(2022, 3, 1), value=168, source=Source(document="b.md")).value
    168
    """

    effective_from: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    value: T
    source: Source = attrs.field(validator=_validate.attrs_instance_of(Source))
    note: str | None = attrs.field(default=None, validator=_validate.attrs_validator(_validate.optional_text))


def _versions(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    versions = _validate.items(value, attribute.name)
    if not versions:
        raise InvalidInput(attribute.name, "a rule needs at least one version", value, code=ErrorCode.EMPTY)
    if len(versions) > _MAX_VERSIONS:
        raise InvalidInput(
            attribute.name, f"at most {_MAX_VERSIONS} versions", len(versions), code=ErrorCode.TOO_LONG
        )
    for version in versions:
        _validate.instance(version, RuleVersion, f"{attribute.name}[]")
    for earlier, later in itertools.pairwise(versions):
        if later.effective_from == earlier.effective_from:
            raise InvalidInput(
                f"{attribute.name}[].effective_from",
                "two versions take effect on the same day",
                later.effective_from,
                code=ErrorCode.DUPLICATE,
            )
        if later.effective_from < earlier.effective_from:
            raise InvalidInput(
                f"{attribute.name}[].effective_from",
                "versions must be given oldest first",
                later.effective_from,
                code=ErrorCode.OUT_OF_ORDER,
            )


def _as_tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen(kw_only=True)
class VersionedRule(Generic[T]):
    """A rule's versions in date order, and which one was in force on a given day.

    Args:
        name: What the rule is (for docs and messages).
        versions: The versions, oldest first, no two on the same day (a list is taken as a tuple).
        applies_before_first: Whether the first version also governs the days before it took effect
            (the default). ``False`` says the rule did not exist then (or that its earlier form is
            unknown), so :meth:`at` refuses those days.

    >>> import datetime as dt
    >>> from cspcore.explain import Source
    >>> rule = VersionedRule(
    ...     name="saas window",
    ...     versions=(
    ...         RuleVersion(effective_from=dt.date(2021, 10, 1), value=24, source=Source(document="a.md")),
    ...     ),
    ...     applies_before_first=False,
    ... )
    >>> rule.at(dt.date(2021, 9, 30))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: on: ...
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    versions: tuple[RuleVersion[T], ...] = attrs.field(converter=_as_tuple, validator=_versions)
    applies_before_first: bool = attrs.field(
        default=True, validator=_validate.attrs_validator(_validate.flag)
    )

    @property
    def current(self) -> RuleVersion[T]:
        """The newest version.

        >>> import datetime as dt
        >>> from cspcore.explain import Source
        >>> VersionedRule(
        ...     name="r",
        ...     versions=(
        ...         RuleVersion(effective_from=dt.date(2022, 1, 1), value=1, source=Source(document="a")),
        ...     ),
        ... ).current.value
        1
        """
        return self.versions[-1]

    def at(self, on: dt.date) -> RuleVersion[T]:
        """The version in force on the UTC day ``on``.

        Args:
            on: A calendar date (a datetime is refused: pass the UTC day of the instant).

        Returns:
            The newest version whose ``effective_from`` is not after ``on``; for an earlier day,
            the first version (unless ``applies_before_first`` is ``False``).

        Raises:
            InvalidInput: ``on`` is not a date (WRONG_TYPE), or precedes a rule that did not exist
                yet (OUT_OF_RANGE).

        >>> import datetime as dt
        >>> from cspcore.explain import Source
        >>> rule = VersionedRule(
        ...     name="r",
        ...     versions=(
        ...         RuleVersion(effective_from=dt.date(2022, 1, 1), value=1, source=Source(document="a")),
        ...         RuleVersion(effective_from=dt.date(2023, 1, 1), value=2, source=Source(document="b")),
        ...     ),
        ... )
        >>> [rule.at(dt.date(year, 6, 1)).value for year in (2021, 2022, 2023, 2024)]
        [1, 1, 2, 2]
        """
        day = _validate.date(on, "on")
        index = bisect.bisect_right(self.versions, day, key=lambda version: version.effective_from)
        if index == 0:
            if not self.applies_before_first:
                raise InvalidInput(
                    "on",
                    f"the rule {self.name!r} starts on {self.versions[0].effective_from.isoformat()}",
                    day,
                    code=ErrorCode.OUT_OF_RANGE,
                )
            return self.versions[0]
        return self.versions[index - 1]
