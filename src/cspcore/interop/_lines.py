"""Building charge lines fast and reading charge types (internal).

:func:`trusted_charge_line` builds a :class:`~cspcore.billing.ChargeLine` through the class's own
trusted constructor (:func:`cspcore.billing.charges.trusted_charge_line`), for parsers that have
already checked every field themselves; a property test holds it equal to the public constructor.
"""

from __future__ import annotations

from typing import Any, Final

from cspcore.billing import charges
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.errors import ErrorCode, InvalidInput

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
        field,
        f"unknown charge type; expected one of: {allowed} (or a legacy description)",
        value,
        code=ErrorCode.UNKNOWN_VALUE,
    )


def trusted_charge_line(**values: Any) -> ChargeLine:
    """A ChargeLine from fields that the caller has checked one by one.

    A ``None`` tax or total is left out, so the class's own defaults fill it; the class's trusted
    constructor checks the cross-field rules.
    """
    for name in ("tax", "total"):
        if name in values and values[name] is None:
            del values[name]
    return charges.trusted_charge_line(**values)


def with_reference(line: ChargeLine, reference: str) -> ChargeLine:
    """A copy of a checked line with another reference id (the id is the caller's checked text)."""
    return charges.charge_line_of(
        tuple(reference if name == "reference_id" else getattr(line, name) for name in charges.FIELD_ORDER)
    )
