"""Hypothesis strategies for charge lines and Partner Center reconciliation rows.

>>> from hypothesis import given
>>> from cspcore.interop import parse_recon_rows, to_recon_rows
>>> from cspcore.testing.interop import charge_lines
>>> @given(charge_lines())
... def test_round_trip(line):
...     assert parse_recon_rows(to_recon_rows([line])) == (line,)
>>> test_round_trip()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cspcore import _decimal
from cspcore.billing import ChargeLine, ChargeType
from cspcore.dates import add_days
from cspcore.interop import to_recon_rows
from cspcore.money import Money, minor_units
from cspcore.testing.strategies import currencies

__all__ = ["charge_lines", "line_texts", "recon_payload_mutations", "recon_rows"]

#: Minor units as an amount, and an amount signed, exactly: ``Decimal.scaleb`` and ``*`` alone round in
#: the ambient context.
_scaleb = _decimal.EXACT.scaleb
_mul = _decimal.EXACT.multiply
_TEXT = st.text(alphabet="abcXYZ019 ,\"'-žł", min_size=1, max_size=12).map(str.strip).filter(bool)
_DAY = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))
_CURRENCIES = currencies()


def line_texts() -> st.SearchStrategy[str]:
    """Names and ids as Partner Center writes them: no surrounding blanks, commas and quotes allowed."""
    return _NAMES


@functools.cache
def _units(maximum: int, places: int) -> st.SearchStrategy[int]:
    return st.integers(0, maximum * 10**places)


def _scaled(draw: st.DrawFn, maximum: int, places: int) -> Decimal:
    """A non-negative decimal up to ``maximum`` with exactly ``places`` places (cheaper than st.decimals)."""
    return _scaleb(Decimal(draw(_units(maximum, places))), -places)


_SIGNS = st.sampled_from((-1, 1))
_LENGTHS = st.integers(0, 1100)
_PLACES = {places: st.integers(places, 12) for places in range(4)}
_QUANTITY_PLACES = st.sampled_from((0, 0, 4))
_TYPES = st.sampled_from(ChargeType)
_OPTIONAL_DAY = st.one_of(st.none(), _DAY)
_OPTIONAL = st.fixed_dictionaries(
    {
        "reference_id": st.one_of(st.none(), st.uuids().map(str)),
        "qualifiers": st.lists(st.sampled_from(["Trial", "Add-on"]), max_size=2, unique=True).map(tuple),
        "customer_id": st.one_of(st.none(), _TEXT),
        "subscription_start": _OPTIONAL_DAY,
        "subscription_end": _OPTIONAL_DAY,
        "term_and_billing_cycle": st.one_of(st.none(), st.sampled_from(["One-Year commitment", "1 Year"])),
        "billing_frequency": st.one_of(st.none(), st.sampled_from(["Monthly", "Annual", "Triennial"])),
    }
)
_NAMES = st.one_of(
    st.sampled_from(
        ["Microsoft 365 E3", "Microsoft 365 Business  Standard", 'Teams "Phone", EU', "Žluťoučký"]
    ),
    _TEXT,
)


@st.composite
def charge_lines(
    draw: st.DrawFn,
    *,
    currency: str | None = None,
    subscription_ids: st.SearchStrategy[str] | None = None,
) -> ChargeLine:
    """Valid charge lines: any charge type, signed amounts at minor units, tax, optional fields.

    Args:
        draw: Hypothesis's draw function (supplied by ``st.composite``).
        currency: Fix the currency; any Partner Center currency otherwise.
        subscription_ids: Where subscription ids come from (a small pool makes collisions likely).
    """
    code = currency if currency is not None else draw(_CURRENCIES)
    places = minor_units(code)
    start = draw(_DAY)
    end = add_days(start, draw(_LENGTHS))
    sign = draw(_SIGNS)
    unit = _scaled(draw, 10_000, places)
    effective = _scaled(draw, 10_000, draw(_PLACES[places]))
    quantity = _scaled(draw, 5000, draw(_QUANTITY_PLACES))
    subtotal = _mul(_scaled(draw, 10_000_000, places), sign)
    tax = _mul(_scaled(draw, 1_000_000, places), sign)
    optional: dict[str, Any] = draw(_OPTIONAL) if draw(st.booleans()) else {}
    return ChargeLine(
        order_date=draw(_DAY),
        charge_type=draw(_TYPES),
        product=draw(_NAMES),
        subscription_id=draw(subscription_ids if subscription_ids is not None else _NAMES),
        unit_price=Money(unit, code),
        effective_unit_price=Money(_mul(effective, sign), code),
        quantity=quantity,
        subtotal=Money(subtotal, code),
        tax=Money(tax, code),
        charge_start=start,
        charge_end=end,
        **optional,
    )


def recon_rows(*, currency: str | None = None) -> st.SearchStrategy[dict[str, str]]:
    """Valid reconciliation rows in Microsoft's column names, as ``to_recon_rows`` writes them."""
    return charge_lines(currency=currency).map(lambda line: next(to_recon_rows([line])))


@st.composite
def recon_payload_mutations(draw: st.DrawFn) -> Any:
    """A valid reconciliation row with one value replaced by an adversarial one (for fuzzing parsers)."""
    row: dict[str, Any] = dict(draw(recon_rows()))
    column = draw(st.sampled_from(sorted(row)))
    row[column] = draw(
        st.one_of(
            st.none(),
            st.booleans(),
            st.floats(),
            st.integers(min_value=-(10**30), max_value=10**30),
            st.sampled_from(
                ["", "NaN", "Infinity", "1e999999", "abc", "2024-02-30", "13/45/2020", "-", "\x00"]
            ),
            st.text(max_size=12),
            st.lists(st.integers(), max_size=2),
        )
    )
    return row
