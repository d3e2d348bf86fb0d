"""Microsoft's license-based SaaS trial scenarios, and why cspcore rates them only from October 2021.

Page: Partner Center ``common-billing-scenarios-saas.md`` (ms.date 11/8/2022), in
kvamseek/partner-center @ 85eb3c4: "Convert a free trial SaaS subscription to a paid subscription"
(a free trial bought June 10, 2019: ``New`` at $0 for 06/10 - 07/09, then ``Renew`` at $2 for
07/10 - 08/09) and "Cancel a free trial SaaS subscription" (11 trial seats, a ``New`` line and a
``Cancel`` line, both $0; the prose says the trial was bought on July 1, the table is dated June 10,
2019: the table is reproduced).

cspcore's documented choice (``docs/billing.md``, "Commercial marketplace SaaS" and "Rules that
changed over time"): the marketplace SaaS rules before October 2021 are not documented, so a SaaS
subscription starting earlier is refused (``start``, ``out_of_range``); the page's 2019 dates are
refused. The same days of 2022 give the page's lines. The page's custom-meter scenarios (a charge
starting and ending on the purchase day) are not modelled.
"""

from __future__ import annotations

import datetime as dt

from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.billing import Cancel, ChargeLine, Subscription, lifecycle, rate

D = dt.date


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def saas_trial(start: dt.date, seats: int) -> Subscription:
    return Subscription(
        id="saas",
        product="License-based SaaS offer",
        family="marketplaceSaas",
        start=start,
        term="P1M",
        frequency="none",
        quantity=seats,
        unit_price=usd(0),
        trial=True,
        paid_unit_price=usd(2),
    )


def row(line: ChargeLine) -> tuple[object, ...]:
    return (
        line.order_date,
        line.charge_start,
        line.charge_end,
        int(line.quantity),
        line.total,
        line.charge_type.value,
    )


def test_the_pages_2019_trial_is_before_the_documented_saas_rules_and_refused() -> None:
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE):
        saas_trial(D(2019, 6, 10), 1)


def test_a_free_trial_renews_as_a_paid_month_at_2_dollars() -> None:
    lines = lifecycle(saas_trial(D(2022, 6, 10), 1), through=D(2022, 7, 10)).lines
    assert [row(line) for line in lines] == [
        (D(2022, 6, 10), D(2022, 6, 10), D(2022, 7, 9), 1, usd(0), "new"),
        (D(2022, 7, 10), D(2022, 7, 10), D(2022, 8, 9), 1, usd(2), "renew"),
    ]
    assert lines[0].qualifiers == ("Trial",)
    assert lines[1].qualifiers == ()


def test_a_cancelled_free_trial_has_a_new_and_a_cancel_line_of_zero() -> None:
    bought = D(2022, 6, 10)
    cancel = Cancel(at=dt.datetime(2022, 6, 10, 15, tzinfo=dt.UTC))
    lines = rate(saas_trial(bought, 11), [cancel], through=D(2022, 6, 30))
    assert [row(line) for line in lines] == [
        (bought, bought, D(2022, 7, 9), 11, usd(0), "new"),
        (bought, bought, D(2022, 7, 9), 11, usd(0), "cancelImmediate"),
    ]
