"""Microsoft's credit-limit rule (``credit-limit-enforcement.md``, Available balance), reasons compared whole.

available = limit - (incoming purchase + outstanding unpaid + unbilled - overpayment); a purchase that
leaves it negative is refused, renewals never are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import CreditCheck, credit_check
from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    from collections.abc import Callable

CREDIT = Source(document="credit-limit-enforcement.md", section="Available balance")


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def refusal(**arguments: Any) -> tuple[str, str, object]:
    limit = arguments.pop("limit", usd("1000"))
    arguments.setdefault("incoming_purchase", usd("1"))
    with pytest.raises(InvalidInput) as caught:
        credit_check(limit, **arguments)
    error = caught.value
    return (error.field, error.code, error.value)


def test_a_purchase_that_leaves_the_balance_at_exactly_zero_is_allowed() -> None:
    check = credit_check(
        usd("1000"),
        incoming_purchase=usd("300"),
        outstanding_unpaid=usd("600"),
        unbilled=usd("150"),
        overpayment=usd("50"),
    )
    expected = CreditCheck(
        available=usd("0"),
        is_allowed=True,
        reasons=(
            Reason(
                code="billing.collections.credit_limit_ok",
                params={"available": usd("0"), "limit": usd("1000")},
                source=CREDIT,
            ),
        ),
    )
    assert expected == check


def test_a_purchase_one_cent_over_the_limit_is_refused_and_says_what_is_available() -> None:
    check = credit_check(usd("1000"), incoming_purchase=usd("400.01"), outstanding_unpaid=usd("600"))
    expected = CreditCheck(
        available=usd("-0.01"),
        is_allowed=False,
        reasons=(
            Reason(
                code="billing.collections.credit_limit_exceeded",
                params={"available": usd("-0.01"), "limit": usd("1000")},
                source=CREDIT,
            ),
        ),
    )
    assert expected == check


def test_a_renewal_is_never_blocked_and_says_why() -> None:
    check = credit_check(usd("100"), incoming_purchase=usd("250"), renewal=True)
    expected = CreditCheck(
        available=usd("-150"),
        is_allowed=True,
        reasons=(Reason(code="billing.collections.credit_limit_renewal", params={}, source=CREDIT),),
    )
    assert expected == check


def test_a_limit_that_is_not_money_is_refused_by_name() -> None:
    assert refusal(limit=1000) == ("limit", ErrorCode.WRONG_TYPE, 1000)


@pytest.mark.parametrize("name", ["incoming_purchase", "outstanding_unpaid", "unbilled", "overpayment"])
def test_each_amount_that_is_not_money_is_refused_by_name(name: str) -> None:
    assert (name, ErrorCode.WRONG_TYPE, "5") == refusal(**{name: "5"})


@pytest.mark.parametrize("name", ["incoming_purchase", "outstanding_unpaid", "unbilled", "overpayment"])
def test_each_amount_in_another_currency_is_refused_with_the_amount(name: str) -> None:
    amounts: dict[str, Any] = {"incoming_purchase": usd("1"), name: Money("2", "EUR")}
    assert (name, "USD", "EUR") == mismatch(lambda: credit_check(usd("1000"), **amounts))


@pytest.mark.parametrize("name", ["incoming_purchase", "outstanding_unpaid", "unbilled", "overpayment"])
def test_each_negative_amount_is_refused_with_the_amount(name: str) -> None:
    amount = usd("-0.01")
    assert (
        name,
        ErrorCode.OUT_OF_RANGE,
        amount,
    ) == refusal(**{name: amount})


def test_a_renewal_flag_that_is_not_a_bool_is_refused() -> None:
    assert refusal(renewal=1) == ("renewal", ErrorCode.WRONG_TYPE, 1)


def mismatch(call: Callable[[], object]) -> tuple[str, str, str]:
    """The field and the two currencies of the CurrencyMismatch that ``call`` raises."""
    with pytest.raises(CurrencyMismatch) as caught:
        call()
    return caught.value.field, caught.value.left, caught.value.right
