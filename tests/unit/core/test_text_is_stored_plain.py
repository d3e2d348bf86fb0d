"""A text value is stored as a plain ``str``: it keeps no behaviour of the caller's subclass."""

from __future__ import annotations

import datetime as dt

from cspcore import Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import explain_charge


class Loud(str):
    __slots__ = ()

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __str__(self) -> str:
        raise RuntimeError("no str")


def test_a_product_name_of_a_str_subclass_is_stored_as_a_plain_str() -> None:
    price = Money("10.00", "EUR")
    line = ChargeLine(
        order_date=dt.date(2024, 3, 5),
        charge_type=ChargeType.NEW,
        product=Loud("Microsoft 365 E3"),
        subscription_id="sub-1",
        unit_price=price,
        effective_unit_price=price,
        quantity=1,
        subtotal=price,
        charge_start=dt.date(2024, 3, 5),
        charge_end=dt.date(2024, 4, 4),
    )
    assert type(line.product) is str
    assert line.product == "Microsoft 365 E3"
    assert "Microsoft 365 E3" in explain_charge(line, locale="en")
