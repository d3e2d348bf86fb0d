"""The fast reader reads an amount cell as the cell rule reads it: the same Money, or a refusal."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from cspcore import InvalidInput
from cspcore.interop import _cells as cells
from cspcore.interop import iter_recon_rows

HEADER = (
    "CustomerId,OrderDate,ProductName,ChargeType,UnitPrice,Quantity,Subtotal,TaxTotal,Total,Currency,"
    "SubscriptionId,ChargeStartDate,ChargeEndDate,TermAndBillingCycle,EffectiveUnitPrice,BillableQuantity,"
    "BillingFrequency,SubscriptionStartDate,SubscriptionEndDate,ReferenceId,ProductQualifiers\n"
)
ROW = "c,2022-03-05,P,new,{price},1,0,0,0,{currency},s{n},2022-03-05,2022-04-04,,{price},1,,,,,\n"
DIGITS = st.text("0123456789", min_size=1, max_size=30)
AMOUNTS = st.one_of(
    st.builds(
        lambda sign, whole, part: f"{sign}{whole}{part}",
        st.sampled_from(["", "-", "+"]),
        DIGITS,
        st.one_of(st.just(""), st.builds(lambda d: "." + d, DIGITS)),
    ),
    st.sampled_from(["-0", "-0.00", "0E-5", " 1.5", "1.", ".5", "1e3", "NaN", "", "1" * 60]),
)


@given(st.lists(AMOUNTS, min_size=1, max_size=5), st.sampled_from(["EUR", "JPY"]))
def test_a_price_cell_reads_as_the_cell_rule_reads_it(prices: list[str], currency: str) -> None:
    # the first row teaches the fast reader the file's dates and texts; later rows take the fast path
    text = HEADER + ROW.format(price="1", currency=currency, n=0)
    text += "".join(ROW.format(price=price, currency=currency, n=n + 1) for n, price in enumerate(prices))
    try:
        lines = list(iter_recon_rows(io.StringIO(text, newline="")))
    except InvalidInput:
        refused = True
    else:
        refused = False
        for line, price in zip(lines[1:], prices, strict=True):
            wanted = cells.amount(price, currency, "UnitPrice")
            assert line.unit_price == wanted
            assert str(line.unit_price.amount) == str(wanted.amount)
    if refused:
        assert any(_refused(price, currency) for price in prices)


def _refused(price: str, currency: str) -> bool:
    try:
        cells.amount(price, currency, "UnitPrice")
    except InvalidInput:
        return True
    return False
