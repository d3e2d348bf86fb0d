"""A caller's iterable of roles or tasks that raises while it is read is refused with ``io_failed``.

The caller's exception is kept as the refusal's ``__cause__``; a cspcore refusal raised by the
caller's own generator passes as it is.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

import cspcore.roles
from cspcore import ErrorCode, InvalidInput
from cspcore.roles import EntraRole, PartnerRole, Task

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

loose: Any = cspcore.roles
_AT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _failing(first: object, error: Exception) -> Iterator[object]:
    yield first
    raise error


class _Unlistable(list[object]):
    """A list whose iteration fails at once."""

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("gone")


@pytest.mark.parametrize("error", [OSError("token store went away"), KeyError("x"), RuntimeError("boom")])
def test_can_refuses_a_generator_of_roles_that_raises(error: Exception) -> None:
    with raises_invalid(field="roles", code=ErrorCode.IO_FAILED) as refused:
        loose.can(_failing(PartnerRole.BILLING_ADMIN, error), Task.VIEW_INVOICES)

    assert refused.value.__cause__ is error


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: loose.can(_Unlistable(), Task.VIEW_INVOICES), "roles"),
        (
            lambda: loose.GdapRelationship(
                customer_id="c",
                roles=_failing(EntraRole.USER_ADMINISTRATOR, OSError("gone")),
                duration=1,
                activated_at=_AT,
            ),
            "roles",
        ),
        (lambda: loose.least_privileged(_failing(Task.VIEW_INVOICES, OSError("gone"))), "tasks"),
        (
            lambda: loose.least_privileged(
                [Task.VIEW_INVOICES], prefer=_failing(PartnerRole.BILLING_ADMIN, OSError("gone"))
            ),
            "prefer",
        ),
    ],
)
def test_every_reader_of_a_callers_iterable_refuses_one_that_raises(
    call: Callable[[], object], field: str
) -> None:
    with raises_invalid(field=field, code=ErrorCode.IO_FAILED):
        call()


def test_a_cspcore_refusal_from_the_callers_generator_passes_as_it_is() -> None:
    refusal = InvalidInput("source", "bad", None, code=ErrorCode.MISSING)

    with raises_invalid(field="source", code=ErrorCode.MISSING):
        loose.can(_failing(PartnerRole.BILLING_ADMIN, refusal), Task.VIEW_INVOICES)
