"""A refund quote for a purchase made before its family's documented rules begin (marketplace SaaS
before October 2021) is refused on the caller's ``purchased_at`` (``out_of_range``), the argument it
gave, not on the ``on`` of the policy lookup underneath."""

from __future__ import annotations

import datetime as dt

from tests.refusals import raises_invalid

from cspcore.billing import ProductFamily, refund_quote
from cspcore.errors import ErrorCode

LATE_SEPTEMBER = dt.datetime(2021, 9, 30, 23, tzinfo=dt.UTC)


def test_a_saas_purchase_before_october_2021_is_refused_on_purchased_at() -> None:
    with raises_invalid(field="purchased_at", code=ErrorCode.OUT_OF_RANGE) as caught:
        refund_quote(
            ProductFamily.MARKETPLACE_SAAS,
            purchased_at=LATE_SEPTEMBER,
            at=LATE_SEPTEMBER + dt.timedelta(hours=2),
            term="P1M",
        )
    assert caught.value.value == dt.date(2021, 9, 30)  # the UTC day the policy was looked up for


def test_the_first_day_of_the_rules_is_quoted() -> None:
    bought = LATE_SEPTEMBER + dt.timedelta(hours=1)  # 00:00 UTC, October 1, 2021
    quote = refund_quote(ProductFamily.MARKETPLACE_SAAS, purchased_at=bought, at=bought, term="P1M")
    assert quote.kind.value == "full"
