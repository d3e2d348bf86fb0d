"""microsoft_tax_total refuses mixed currencies by naming the first tax that differs, in its own terms."""

from __future__ import annotations

import pytest

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import microsoft_tax_total


def test_a_tax_in_another_currency_than_the_first_is_named_by_its_position() -> None:
    taxes = [Money("1.239", "EUR"), Money("2.005", "EUR"), Money("0.50", "USD")]
    with pytest.raises(CurrencyMismatch) as caught:
        microsoft_tax_total(taxes)
    refused = caught.value
    assert (refused.field, refused.code, refused.left, refused.right) == (
        "taxes[2]",
        ErrorCode.CURRENCY_MISMATCH,
        "EUR",
        "USD",
    )


def test_a_tax_in_another_currency_than_the_named_one_is_named_by_its_position() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        microsoft_tax_total([Money("1.00", "USD"), Money("1.239", "EUR")], currency="USD")
    refused = caught.value
    assert (refused.field, refused.left, refused.right) == ("taxes[1]", "USD", "EUR")


def test_an_unknown_named_currency_is_refused_on_currency() -> None:
    with pytest.raises(InvalidInput) as caught:
        microsoft_tax_total([Money("1.00", "EUR")], currency="eur")
    assert (caught.value.field, caught.value.code) == ("currency", ErrorCode.UNKNOWN_VALUE)


def test_taxes_in_one_currency_are_each_cut_to_the_cent_then_added() -> None:
    assert microsoft_tax_total((Money("1.239", "EUR"), Money("2.005", "EUR")), currency="EUR") == Money(
        "3.23", "EUR"
    )
