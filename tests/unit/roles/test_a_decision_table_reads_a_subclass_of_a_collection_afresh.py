"""A ``DecisionTable`` finds a question again only by a plain spelling of the roles: a subclass of a
collection is read afresh, by iterating it, as ``can`` reads it, even when it compares equal to a kept
spelling (a subclass may define what iterating it gives)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspcore.roles import DecisionTable, PartnerRole, Task, can

if TYPE_CHECKING:
    from collections.abc import Iterator

ADMIN, AGENT = PartnerRole.BILLING_ADMIN, PartnerRole.SALES_AGENT


class _Relabelled(frozenset[PartnerRole]):
    """Equal to the frozenset it holds, but iterating it gives the sales agent."""

    __slots__ = ()

    def __iter__(self) -> Iterator[PartnerRole]:
        return iter((AGENT,))


class _RelabelledTuple(tuple[PartnerRole, ...]):
    """Equal to the tuple it holds, but iterating it gives the sales agent."""

    __slots__ = ()

    def __iter__(self) -> Iterator[PartnerRole]:
        return iter((AGENT,))


def test_a_frozenset_subclass_equal_to_a_kept_set_is_read_by_iterating_it() -> None:
    table = DecisionTable()
    assert table.can(frozenset({ADMIN}), Task.VIEW_INVOICES).is_allowed
    relabelled = _Relabelled({ADMIN})
    decision = table.can(relabelled, Task.VIEW_INVOICES)
    assert decision == can(relabelled, Task.VIEW_INVOICES)
    assert decision.roles == frozenset({AGENT})
    assert not decision.is_allowed


def test_a_tuple_subclass_equal_to_a_kept_list_is_read_by_iterating_it() -> None:
    table = DecisionTable()
    assert table.can([ADMIN], Task.VIEW_INVOICES).is_allowed
    relabelled = _RelabelledTuple((ADMIN,))
    decision = table.can(relabelled, Task.VIEW_INVOICES)
    assert decision == can(relabelled, Task.VIEW_INVOICES)
    assert decision.roles == frozenset({AGENT})
    assert len(table) == 3  # the admin's decision twice (mask, list), the agent's once (mask only)
