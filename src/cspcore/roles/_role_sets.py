"""A collection of roles read into one canonical bitmask (internal to :mod:`cspcore.roles`).

Every role of both kinds owns one bit: the sixteen Partner Center roles the low bits in catalog order,
the Microsoft Entra roles the bits above them. :func:`mask_of` reads whatever the caller passes (one
role, a role's name, or any iterable of them: set, frozenset, list, tuple, generator) in one pass, so
that every spelling of the same roles gives the same mask, and :func:`roles_of` turns a mask back into
its one frozenset. Each item is checked: members and exact display or member names are looked up in
a table, anything else goes through :func:`role_of`, which reads any spelling or refuses the value.
Items are compared as Python's sets and dicts compare them: an item equal to a role (or to one of its
exact names) is that role.

:func:`key_of` gives the hashable key under which a table may find a collection again without reading
it, and :func:`read` says when a collection's key may be kept.

>>> from cspcore.roles import PartnerRole
>>> both = mask_of({PartnerRole.BILLING_ADMIN, "Global admin"}, PartnerRole)
>>> both == mask_of(["billing ADMIN", PartnerRole.GLOBAL_ADMIN], PartnerRole)
True
>>> sorted(role.name for role in roles_of(both))
['BILLING_ADMIN', 'GLOBAL_ADMIN']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.roles.catalog import EntraRole, PartnerRole

if TYPE_CHECKING:
    from collections.abc import Hashable

    from cspcore.roles._order import AnyRole

__all__ = ["BIT", "key_of", "mask_of", "ordered", "read", "role_of", "roles_of"]

_ROLES: Final[tuple[AnyRole, ...]] = (*PartnerRole, *EntraRole)
#: Each role's bit.
BIT: Final[dict[AnyRole, int]] = {role: 1 << index for index, role in enumerate(_ROLES)}
_ROLE_OF_BIT: Final[dict[int, AnyRole]] = {bit: role for role, bit in BIT.items()}
#: The roles of each value of a mask's low byte and of its second byte, in bit order.
_LOW_BYTE: Final = tuple(tuple(role for role in _ROLES if BIT[role] & byte) for byte in range(256))
_HIGH_BYTE: Final = tuple(tuple(role for role in _ROLES if BIT[role] & byte << 8) for byte in range(256))


def role_of(value: object, kind: type[PartnerRole | EntraRole]) -> AnyRole:
    """A role of either kind: a member as it is, a name of ``kind`` first, then of the other kind.

    A role of the other kind is a real role that does not apply to the task: the decision denies it
    and says which kind the task needs. Anything else is refused.

    >>> role_of("global ADMIN", EntraRole)
    <PartnerRole.GLOBAL_ADMIN: 'Global admin'>
    """
    if isinstance(value, (PartnerRole, EntraRole)):
        return value
    if isinstance(value, str):
        try:
            return kind.lookup(value)  # display names and member names both fold to the same key
        except InvalidInput as error:
            other = EntraRole if kind is PartnerRole else PartnerRole
            try:
                return other.lookup(value)
            except InvalidInput:
                pass
            raise error.renamed("roles") from None  # the caller's argument, not lookup's
    expected = "Partner Center role" if kind is PartnerRole else "Microsoft Entra role"
    raise InvalidInput("roles", f"expected a {expected} ({kind.__name__})", value, code=ErrorCode.WRONG_TYPE)


def _bits(kind: type[PartnerRole | EntraRole]) -> dict[AnyRole | str, int]:
    """The bit of every role member and of every exact spelling that names one, read as ``kind``.

    Each entry is what :func:`role_of` answers for that member or spelling (display name, member
    name, the display name in lower case), so the table and the careful read agree.
    """
    spellings = {spelling for role in _ROLES for spelling in (role.value, role.name, role.value.lower())}
    found: dict[AnyRole | str, int] = {role: BIT[role_of(role, kind)] for role in _ROLES}
    found.update({spelling: BIT[role_of(spelling, kind)] for spelling in sorted(spellings)})
    return found


_BITS: Final[dict[type[PartnerRole | EntraRole], dict[AnyRole | str, int]]] = {
    PartnerRole: _bits(PartnerRole),
    EntraRole: _bits(EntraRole),
}
#: The exact types of one role given alone that the tables above are asked about.
_TABLED: Final = frozenset({PartnerRole, EntraRole, str})
_COLLECTIONS: Final = frozenset({frozenset, set, list, tuple})


def read(roles: object, kind: type[PartnerRole | EntraRole], key: Hashable = None) -> tuple[int, Hashable]:
    """The bitmask of ``roles``, each item checked, in one pass; and the key a table may keep it by.

    ``roles`` is one role or name, or an iterable of them (not a mapping). Each item is first looked
    up, by Python's equality (as a set or dict compares), among the role members and their exact
    spellings (display name, member name, display name in lower case); an item not found there is read by
    :func:`role_of` (a name in any case or spacing) or refused. The key (``None`` when there is none)
    is the collection as :func:`key_of` gives it when every item is a role member or a plain ``str``
    (whose reading depends on nothing else, and whose hashing and comparing run no caller code):
    finding it again means the same roles.

    Args:
        roles: What the caller passed.
        kind: The kind of role the task takes (a name is read as this kind first).
        key: ``key_of(roles)`` when the caller has already made it (it is not made again), or ``None``.

    Raises:
        InvalidInput: ``roles`` is neither a role, a name nor an iterable, or is a mapping, or holds
            an item that is not a role (``wrong_type``) or a name no role has (``unknown_value``),
            each named ``roles``; or an iterator goes on past the bound (``too_long``) or raises
            while it is read (``io_failed``).
    """
    if type(roles) in _TABLED:  # one member or plain name: its own key
        bit = _BITS[kind].get(roles)  # type: ignore[call-overload]
        return (BIT[role_of(roles, kind)] if bit is None else bit), roles
    mask, kept = _scan(roles, kind)
    if not kept:
        return mask, None
    return mask, (key_of(roles) if key is None else key)


def mask_of(roles: object, kind: type[PartnerRole | EntraRole]) -> int:
    """The bitmask of ``roles``, read and checked as :func:`read` reads them, without making a key.

    >>> mask_of("Global admin", PartnerRole) == BIT[PartnerRole.GLOBAL_ADMIN]
    True
    """
    if type(roles) in _TABLED:
        bit = _BITS[kind].get(roles)  # type: ignore[call-overload]
        return BIT[role_of(roles, kind)] if bit is None else bit
    return _scan(roles, kind)[0]


def _scan(roles: object, kind: type[PartnerRole | EntraRole]) -> tuple[int, bool]:
    """The bitmask of ``roles`` (anything but one member or plain name), and whether a key may be kept.

    A key may be kept when ``roles`` is a set, frozenset, list or tuple (exact types) of members and
    plain ``str`` only. Refuses what :func:`read` refuses.
    """
    bits = _BITS[kind]
    known = type(roles)
    if known in _COLLECTIONS:  # finite, and exact types: no behaviour of the caller's
        items: Iterable[Any] = roles  # type: ignore[assignment]
    elif isinstance(roles, (PartnerRole, EntraRole, str)):
        return BIT[role_of(roles, kind)], False
    elif isinstance(roles, Mapping):  # its keys are not the roles a caller holds: say so
        raise InvalidInput(
            "roles",
            "expected a role or an iterable of roles, not a mapping",
            roles,
            code=ErrorCode.WRONG_TYPE,
        )
    elif isinstance(roles, Iterable):
        items = _validate.bounded(roles, "roles")
    else:
        raise InvalidInput(
            "roles", "expected a role or an iterable of roles", roles, code=ErrorCode.WRONG_TYPE
        )
    mask = 0
    kept = True
    for item in items:
        if type(item) in _TABLED:  # a member or a plain str: no code of the caller's runs
            bit = bits.get(item)
            mask |= BIT[role_of(item, kind)] if bit is None else bit
            continue
        kept = False  # found by the item's own equality, or read: never kept as a key
        try:
            bit = bits.get(item)
        except Exception:  # noqa: BLE001 - an item that cannot be hashed or compared is read below
            bit = None
        mask |= BIT[role_of(item, kind)] if bit is None else bit
    return mask, kept and known in _COLLECTIONS


def ordered(mask: int) -> tuple[AnyRole, ...]:
    """The roles whose bits ``mask`` holds, in bit order.

    Bit order is catalog order, Partner Center roles first: the display order of
    :data:`~cspcore.roles._order.ORDER`, so a reason's roles need no sorting. A mask of the sixteen
    low bits only (the Partner Center roles) is two lookups in tables made at import, one per byte;
    any other takes one step per role held.

    >>> ordered(BIT[EntraRole.GLOBAL_READER] | BIT[PartnerRole.BILLING_ADMIN])
    (<PartnerRole.BILLING_ADMIN: 'Billing admin'>, <EntraRole.GLOBAL_READER: 'Global reader'>)
    """
    if mask <= 0xFFFF:
        return _LOW_BYTE[mask & 0xFF] + _HIGH_BYTE[mask >> 8]
    held = []
    while mask:
        lowest = mask & -mask
        held.append(_ROLE_OF_BIT[lowest])
        mask ^= lowest
    return tuple(held)


def roles_of(mask: int) -> frozenset[AnyRole]:
    """The roles whose bits ``mask`` holds.

    >>> roles_of(0), roles_of(BIT[PartnerRole.GLOBAL_ADMIN])
    (frozenset(), frozenset({<PartnerRole.GLOBAL_ADMIN: 'Global admin'>}))
    """
    return frozenset(ordered(mask))


def key_of(roles: Any) -> Hashable:
    """The key a table may find ``roles`` by without reading them again, or ``None``.

    A frozenset is its own key and a set its frozenset; a list or tuple is the tuple of its items; one
    role member or plain ``str`` is itself. Anything else (an iterator, a dict, a subclass) has none.
    Keys compare as Python compares them, so an item equal to a kept one is found as that one, as
    :func:`read` reads it.

    >>> from cspcore.roles import PartnerRole
    >>> key_of({PartnerRole.GLOBAL_ADMIN}) == frozenset({PartnerRole.GLOBAL_ADMIN})
    True
    >>> key_of(["Global admin"]), key_of(iter([PartnerRole.GLOBAL_ADMIN])) is None
    (('Global admin',), True)
    """
    known = type(roles)
    key: Hashable = None
    if known is frozenset or known in _TABLED:
        key = roles
    elif known is set:
        key = frozenset(roles)
    elif known is list or known is tuple:
        key = tuple(roles)
    return key
