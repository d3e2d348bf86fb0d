"""``Ledger.invoice`` refuses an id that is not text as ``wrong_type``; a str it does not hold is unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import Invoice, Ledger


def _ledger() -> Ledger:
    return Ledger(
        invoices=(
            Invoice(id="I-1", issued=dt.date(2024, 1, 1), currency="EUR", total_charges=Money("10", "EUR")),
        )
    )


class _Id(str):
    """A str subclass: still an id, read as the plain str it holds."""

    __slots__ = ()


@pytest.mark.parametrize("invoice_id", [5, None, b"I-1", ["I-1"], ("I-1",), 1.0])
def test_an_id_that_is_not_a_str_is_refused_as_wrong_type(invoice_id: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        _ledger().invoice(invoice_id)  # type: ignore[arg-type]
    error = caught.value
    assert (error.field, error.code, error.value) == ("invoice_id", ErrorCode.WRONG_TYPE, invoice_id)


@pytest.mark.parametrize("invoice_id", ["I-2", "", "i-1"])
def test_a_str_the_ledger_does_not_hold_is_an_unknown_reference(invoice_id: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _ledger().invoice(invoice_id)
    assert (caught.value.field, caught.value.code) == ("invoice_id", ErrorCode.UNKNOWN_REFERENCE)


def test_a_held_id_finds_its_invoice_even_as_a_str_subclass() -> None:
    ledger = _ledger()
    assert ledger.invoice("I-1") is ledger.invoices[0]
    assert ledger.invoice(_Id("I-1")) is ledger.invoices[0]
