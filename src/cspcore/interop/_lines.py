"""Building charge lines fast and reading charge types (internal).

:func:`trusted_charge_line` builds a :class:`~cspcore.billing.ChargeLine` without running its
validators, for parsers that have already checked every field themselves (the reconciliation-file
reader builds a million of them). It checks ChargeLine's cross-field invariants itself, so a line it
returns is one that the public constructor would also accept; a property test holds the two equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.errors import CurrencyMismatch, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt

_FIELDS: Final[tuple[attrs.Attribute[Any], ...]] = tuple(attrs.fields(ChargeLine))
_NAMES: Final = frozenset(field.name for field in _FIELDS)
_set = object.__setattr__

#: Legacy (pre-2022) charge descriptions, mapped to the nearest new-commerce charge type.
#: Source: recon-file-charge-types.md (legacy license-based, usage and credit tables) and
#: developer/get-invoiceline-items.md ("Purchase is mapped to New", "Refund is mapped to Cancel").
LEGACY_CHARGE_TYPES: Final[dict[str, ChargeType]] = {
    "purchase": ChargeType.NEW,
    "activation fee": ChargeType.NEW,
    "activation discount": ChargeType.NEW,
    "new purchase cycle fee": ChargeType.NEW,
    "prorate fees when purchase": ChargeType.NEW,
    "prorate fees when activate": ChargeType.NEW,
    "cycle fee": ChargeType.CYCLE_CHARGE,
    "cycle fees": ChargeType.CYCLE_CHARGE,
    "cycle discount": ChargeType.CYCLE_CHARGE,
    "assess usage fee for current cycle": ChargeType.CYCLE_CHARGE,
    "prorate fee when renew": ChargeType.RENEW,
    "prorate fees when renew": ChargeType.RENEW,
    "renew discount": ChargeType.RENEW,
    "cycle instance prorate": ChargeType.ADD_QUANTITY,
    "cancel fee": ChargeType.REMOVE_QUANTITY,
    "cancel instance prorate": ChargeType.REMOVE_QUANTITY,
    "cancel": ChargeType.CANCEL_IMMEDIATE,
    "refund": ChargeType.CANCEL_IMMEDIATE,
    "prorate fees when cancel": ChargeType.CANCEL_IMMEDIATE,
    "assess usage fee when cancel": ChargeType.CANCEL_IMMEDIATE,
    "cancel discount": ChargeType.CANCEL_IMMEDIATE,
    "prorate fees when convert away from current offering": ChargeType.CONVERT,
    "prorate fees when convert to a new offering": ChargeType.CONVERT,
    "offset a line item": ChargeType.CUSTOMER_CREDIT,
}

_BY_SPELLING: Final[dict[str, ChargeType]] = {}
for _member in ChargeType:
    for _spelling in (_member.value, _member.name, _member.name.replace("_", "")):
        _BY_SPELLING[_spelling.casefold()] = _member


def charge_type(value: object, field: str) -> ChargeType:
    """A charge type from Partner Center's spelling in any case (``New``, ``new``, ``cycleCharge``).

    Legacy descriptions (``Cycle fee``, ``Assess usage fee for current cycle``) map to the nearest
    new-commerce type (:data:`LEGACY_CHARGE_TYPES`).
    """
    if isinstance(value, ChargeType):
        return value
    if isinstance(value, str):
        folded = value.strip().casefold()
        found = _BY_SPELLING.get(folded) or _BY_SPELLING.get(folded.replace("_", "").replace(" ", ""))
        if found is None:
            found = LEGACY_CHARGE_TYPES.get(" ".join(folded.split()))
        if found is not None:
            return found
    allowed = ", ".join(member.value for member in ChargeType)
    raise InvalidInput(
        field, f"unknown charge type; expected one of: {allowed} (or a legacy description)", value
    )


def trusted_charge_line(**values: Any) -> ChargeLine:
    """A ChargeLine from fields that the caller has checked one by one; cross-field rules are checked here."""
    subtotal: Money = values["subtotal"]
    code = subtotal.currency
    tax: Money | None = values.get("tax")
    if tax is None:
        tax = values["tax"] = Money.zero(code)
    for name in ("unit_price", "effective_unit_price", "tax"):  # in ChargeLine's order, before any sum
        if values[name].currency != code:
            raise CurrencyMismatch(name, code, values[name].currency)
    total: Money | None = values.get("total")
    expected = subtotal + tax
    if total is None:
        values["total"] = expected
    elif total != expected:
        raise InvalidInput("total", f"must equal subtotal + tax ({expected})", total)
    start: dt.date = values["charge_start"]
    end: dt.date = values["charge_end"]
    if end < start:
        raise InvalidInput("charge_end", f"is before charge_start {start.isoformat()}", end)
    line: ChargeLine = object.__new__(ChargeLine)
    for field in _FIELDS:
        if field.name in values:
            _set(line, field.name, values[field.name])
        elif field.default is attrs.NOTHING:
            raise InvalidInput(field.name, "is required", None)
        else:
            _set(line, field.name, field.default)
    return line


_NAMES_IN_ORDER: Final = tuple(field.name for field in _FIELDS)


def with_reference(line: ChargeLine, reference: str) -> ChargeLine:
    """A copy of a checked line with another reference id (the id is the caller's checked text)."""
    copy: ChargeLine = object.__new__(type(line))
    for name in _NAMES_IN_ORDER:
        _set(copy, name, getattr(line, name))
    _set(copy, "reference_id", reference)
    return copy
