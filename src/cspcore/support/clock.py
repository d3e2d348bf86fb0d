"""An SLA clock that counts business time, pauses while waiting on the customer, and reports breach.

Like Jira Service Management's SLA information (``elapsedTime``, ``remainingTime``, ``breached``,
``breachTime``, ``paused``), but a value: :meth:`SlaClock.pause` and :meth:`SlaClock.resume`
return new clocks, and every reading takes the instant explicitly.

>>> import datetime as dt
>>> from cspcore.support import BusinessHours, SlaClock
>>> hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
>>> clock = SlaClock.start(
...     dt.timedelta(hours=4), at=dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC), hours=hours
... )
>>> clock = clock.pause(at=dt.datetime(2024, 3, 4, 10, 0, tzinfo=dt.UTC))  # waiting on the customer
>>> clock = clock.resume(at=dt.datetime(2024, 3, 4, 15, 0, tzinfo=dt.UTC))
>>> clock.breach_at.isoformat()
'2024-03-05T10:00:00+00:00'
>>> clock.remaining(at=dt.datetime(2024, 3, 4, 16, 0, tzinfo=dt.UTC))
datetime.timedelta(seconds=7200)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import attrs

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason, Source
from cspcore.support._hours_args import check_hours, check_target
from cspcore.support.business_hours import BusinessHours
from cspcore.support.business_time import business_time_between, due_at

__all__ = ["ClockNotPaused", "ClockPaused", "SlaClock"]

_ZERO = dt.timedelta(0)
#: The clock's names for the arguments of ``due_at`` and ``business_time_between``, so that a refusal
#: names what the caller of the clock gave: its running span's start, its reading's ``at``.
_OWN_FIELDS = {"received_at": "running_since", "start": "running_since", "end": "at"}


class ClockPaused(RuleViolation):
    """The clock is paused already (or still paused, when read as running).

    >>> import datetime as dt
    >>> clock = SlaClock.start(dt.timedelta(hours=1), at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), hours=None)
    >>> clock.pause(at=clock.started_at).pause(at=clock.started_at)
    Traceback (most recent call last):
    ...
    cspcore.support.clock.ClockPaused: the SLA clock is paused already
    """


class ClockNotPaused(RuleViolation):
    """The clock is running, so it cannot be resumed.

    >>> import datetime as dt
    >>> clock = SlaClock.start(dt.timedelta(hours=1), at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), hours=None)
    >>> clock.resume(at=clock.started_at)
    Traceback (most recent call last):
    ...
    cspcore.support.clock.ClockNotPaused: the SLA clock is running
    """


def _started(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "started_at")


def _running_since(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "running_since")


def _paused_at(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "paused_at")


def _breached_at(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "breached_at")


@attrs.frozen(kw_only=True)
class SlaClock:
    """A running or paused SLA clock.

    Build one with :meth:`start`. Business time counts only while the clock runs and only inside
    ``hours`` (round the clock when ``None``).

    Args:
        target: The time allowed.
        started_at: When the clock started.
        hours: The schedule it counts in, or ``None`` for round the clock.
        banked: Business time counted in earlier running spans.
        running_since: When the current running span began, or ``None`` while paused.
        paused_at: When the clock was paused, or ``None`` while running.
        breached_at: When it breached, if that happened in an earlier running span.

    Raises:
        InvalidInput: Both or neither of ``running_since`` and ``paused_at`` (``inconsistent``);
            ``running_since``, ``paused_at`` or ``breached_at`` before ``started_at``
            (``inconsistent``); banked time past the target without ``breached_at`` (``missing``);
            ``breached_at`` while the banked time is short of the target, or after the clock's last
            event (``running_since`` or ``paused_at``) (``inconsistent``).

    >>> import datetime as dt
    >>> clock = SlaClock.start(
    ...     dt.timedelta(hours=2), at=dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC), hours=None
    ... )
    >>> clock.breach_at.isoformat()
    '2024-01-01T11:00:00+00:00'
    """

    target: dt.timedelta = attrs.field(validator=_validate.attrs_validator(check_target))
    # Instants are kept as plain datetimes (``_validate.aware_datetime``): a subclass's code never runs.
    started_at: dt.datetime = attrs.field(converter=_started)
    hours: BusinessHours | None = attrs.field(default=None, validator=lambda _i, _a, v: check_hours(v))
    banked: dt.timedelta = attrs.field(default=_ZERO, validator=_validate.attrs_validator(check_target))
    running_since: dt.datetime | None = attrs.field(default=None, converter=_running_since)
    paused_at: dt.datetime | None = attrs.field(default=None, converter=_paused_at)
    breached_at: dt.datetime | None = attrs.field(default=None, converter=_breached_at)

    def __attrs_post_init__(self) -> None:
        if (self.running_since is None) == (self.paused_at is None):
            raise InvalidInput(
                "running_since",
                "exactly one of running_since and paused_at must be set",
                self.running_since,
                code=ErrorCode.INCONSISTENT,
            )
        if self.banked > self.target and self.breached_at is None:
            raise InvalidInput(
                "breached_at",
                "required once the banked time exceeds the target",
                None,
                code=ErrorCode.MISSING,
            )
        start = _validate.instant(self.started_at, "started_at")
        for name in ("running_since", "paused_at", "breached_at"):
            moment = getattr(self, name)
            if moment is not None and _validate.instant(moment, name) < start:
                # Compared as instants (PEP 495): nothing happens to a clock before it starts.
                raise InvalidInput(name, "before started_at", moment, code=ErrorCode.INCONSISTENT)
        if self.breached_at is not None:
            self._check_breach(self.breached_at)

    def _check_breach(self, breached_at: dt.datetime) -> None:
        """A recorded breach lies in an earlier running span: the banked time reached the target by it.

        ``pause`` records the deadline once the banked time reaches the target, and that deadline is
        never after the pause; a clock holding any other breach would report a deadline that
        contradicts its own ``is_breached``.
        """
        if self.banked < self.target:
            raise InvalidInput(
                "breached_at",
                "given though the banked time has not reached the target",
                breached_at,
                code=ErrorCode.INCONSISTENT,
            )
        last = "paused_at" if self.running_since is None else "running_since"
        if _validate.instant(breached_at, "breached_at") > _validate.instant(self._last_event, last):
            raise InvalidInput(
                "breached_at",
                f"after {last}: a breach is recorded when it happened",
                breached_at,
                code=ErrorCode.INCONSISTENT,
            )

    @classmethod
    def start(cls, target: dt.timedelta, *, at: dt.datetime, hours: BusinessHours | None) -> SlaClock:
        """Start a clock at ``at``.

        >>> import datetime as dt
        >>> SlaClock.start(
        ...     dt.timedelta(hours=2), at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), hours=None
        ... ).is_paused
        False
        """
        moment = _validate.aware_datetime(at, "at")
        _validate.instant(moment, "at")  # inside the calendar in UTC, or refused under the argument
        return cls(target=target, started_at=moment, hours=hours, running_since=moment)

    @property
    def is_paused(self) -> bool:
        """Whether the clock is paused.

        >>> import datetime as dt
        >>> t0 = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
        >>> clock = SlaClock.start(dt.timedelta(hours=2), at=t0, hours=None)
        >>> clock.is_paused, clock.pause(at=t0).is_paused
        (False, True)
        """
        return self.running_since is None

    @property
    def _last_event(self) -> dt.datetime:
        # Exactly one of the two is set (checked in __attrs_post_init__).
        return cast("dt.datetime", self.running_since or self.paused_at)

    def _check_at(self, at: object) -> dt.datetime:
        moment = _validate.aware_datetime(at, "at")
        # Compare instants: two datetimes of one zone compare by wall clock, ignoring ``fold``, so
        # 01:10 EST would count as before 01:50 EDT in New York's repeated hour (PEP 495).
        last = _validate.instant(
            self._last_event, "paused_at" if self.running_since is None else "running_since"
        )
        if _validate.instant(moment, "at") < last:
            raise InvalidInput(
                "at",
                f"before the clock's last event at {self._last_event.isoformat()}",
                at,
                code=ErrorCode.OUT_OF_ORDER,
            )
        return moment

    def elapsed(self, *, at: dt.datetime) -> dt.timedelta:
        """Business time counted up to ``at`` (paused spans excluded).

        >>> import datetime as dt
        >>> clock = SlaClock.start(
        ...     dt.timedelta(hours=2), at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), hours=None
        ... )
        >>> clock.elapsed(at=dt.datetime(2024, 1, 1, 3, tzinfo=dt.UTC))
        datetime.timedelta(seconds=10800)
        """
        moment = self._check_at(at)
        if self.running_since is None:
            return self.banked
        return self.banked + self._counted(self.running_since, moment)

    def remaining(self, *, at: dt.datetime) -> dt.timedelta:
        """Business time left at ``at``; negative once breached (how far over target).

        >>> import datetime as dt
        >>> t0 = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
        >>> clock = SlaClock.start(dt.timedelta(hours=2), at=t0, hours=None)
        >>> clock.remaining(at=t0 + dt.timedelta(hours=3))
        datetime.timedelta(days=-1, seconds=82800)
        """
        return self.target - self.elapsed(at=at)

    def is_breached(self, *, at: dt.datetime) -> bool:
        """Whether more than the target had elapsed by ``at`` (meeting it exactly is not a breach).

        >>> import datetime as dt
        >>> t0 = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
        >>> clock = SlaClock.start(dt.timedelta(hours=2), at=t0, hours=None)
        >>> (
        ...     clock.is_breached(at=t0 + dt.timedelta(hours=2)),
        ...     clock.is_breached(at=t0 + dt.timedelta(hours=2, seconds=1)),
        ... )
        (False, True)
        """
        return self.elapsed(at=at) > self.target

    @property
    def breach_at(self) -> dt.datetime | None:
        """The deadline: the instant the target is (or was) used up.

        Any business time counted after it breaches the target. ``None`` while paused before the
        target is used up, since the deadline depends on when the clock resumes.

        >>> import datetime as dt
        >>> t0 = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
        >>> clock = SlaClock.start(dt.timedelta(hours=2), at=t0, hours=None)
        >>> clock.pause(at=t0).breach_at is None
        True
        """
        if self.breached_at is not None:
            return self.breached_at
        if self.running_since is None:
            return None
        return self._deadline(self.running_since)

    def _counted(self, since: dt.datetime, moment: dt.datetime) -> dt.timedelta:
        """Business time from ``since`` (the running span's start) to ``moment`` (the caller's ``at``)."""
        try:
            return business_time_between(since, moment, hours=self.hours)
        except InvalidInput as error:
            raise error.renamed(_OWN_FIELDS.get(error.field, error.field)) from None

    def _deadline(self, since: dt.datetime) -> dt.datetime:
        """When the target is used up, counting from ``since`` (the running span's start)."""
        try:
            return due_at(since, self.target - self.banked, hours=self.hours)
        except InvalidInput as error:
            raise error.renamed(_OWN_FIELDS.get(error.field, error.field)) from None

    def pause(self, *, at: dt.datetime) -> SlaClock:
        """Pause the clock at ``at`` (waiting on the customer).

        Raises:
            ClockPaused: The clock is paused already.
            InvalidInput: ``at`` is naive or before the clock's last event.

        >>> import datetime as dt
        >>> t0 = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
        >>> clock = SlaClock.start(dt.timedelta(hours=2), at=t0, hours=None)
        >>> clock.pause(at=t0 + dt.timedelta(hours=1)).elapsed(at=t0 + dt.timedelta(days=1))
        datetime.timedelta(seconds=3600)
        """
        moment = self._check_at(at)
        if self.running_since is None:
            raise ClockPaused(
                "the SLA clock is paused already",
                reasons=(
                    Reason(
                        code="support.sla.already_paused",
                        source=Source(document="anchors.md", section="SLA clocks", publisher="cspcore"),
                    ),
                ),
            )
        banked = self.banked + self._counted(self.running_since, moment)
        breached = self.breached_at
        if breached is None and banked >= self.target:
            breached = self._deadline(self.running_since)
        return attrs.evolve(self, banked=banked, running_since=None, paused_at=moment, breached_at=breached)

    def resume(self, *, at: dt.datetime) -> SlaClock:
        """Resume a paused clock at ``at``.

        Raises:
            ClockNotPaused: The clock is running.
            InvalidInput: ``at`` is naive or before the clock's last event.

        >>> import datetime as dt
        >>> t0 = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
        >>> clock = SlaClock.start(dt.timedelta(hours=2), at=t0, hours=None)
        >>> resumed = clock.pause(at=t0).resume(at=t0 + dt.timedelta(hours=1))
        >>> resumed.breach_at.isoformat()
        '2024-01-01T12:00:00+00:00'
        """
        moment = self._check_at(at)
        if self.running_since is not None:
            raise ClockNotPaused(
                "the SLA clock is running",
                reasons=(
                    Reason(
                        code="support.sla.not_paused",
                        source=Source(document="anchors.md", section="SLA clocks", publisher="cspcore"),
                    ),
                ),
            )
        return attrs.evolve(self, running_since=moment, paused_at=None)
