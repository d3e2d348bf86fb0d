"""Every reason a preview gives renders in the five locales, in the locale's language (no English left)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest

from cspcore import Money
from cspcore.billing import (
    Cancel,
    CancelScheduledChange,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    Suspend,
    Term,
    Upgrade,
    preview,
)
from cspcore.i18n import SUPPORTED_LOCALES, messages, render

if TYPE_CHECKING:
    from cspcore import Reason

D = dt.date
#: Names that stay as they are in every language.
PROPER_NOUNS = frozenset({"partner", "center", "utc"})


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def sub(*, trial: bool = False, term: Term = Term.P1Y) -> Subscription:
    return Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=D(2024, 1, 10),
        term=Term.P1M if trial else term,
        frequency="none" if trial else "monthly",
        quantity=25 if trial else 10,
        unit_price=Money("0" if trial else "36.00", "USD"),
        trial=trial,
        auto_renew=not trial,
    )


def all_reasons() -> dict[str, Reason]:
    june = D(2024, 6, 3)
    previews = [
        preview(sub(), [], ChangeQuantity(on=D(2024, 1, 12), quantity=12), at=at(D(2024, 1, 12))),
        preview(sub(), [], ChangeQuantity(on=D(2024, 1, 12), quantity=1), at=at(D(2024, 1, 12))),
        preview(sub(), [], ChangeQuantity(on=D(2024, 1, 12), quantity=10), at=at(D(2024, 1, 12))),
        preview(sub(), [], Cancel(at=at(D(2024, 1, 12))), at=at(D(2024, 1, 12))),
        preview(sub(), [], Cancel(at=at(june)), at=at(june)),
        preview(sub(), [], Upgrade(on=june, product="E5", unit_price=Money("57", "USD")), at=at(june)),
        preview(
            sub(trial=True),
            [],
            ConvertTrial(on=D(2024, 1, 15), unit_price=Money("36", "USD")),
            at=at(D(2024, 1, 15)),
        ),
        preview(
            sub(), [ScheduleChange(on=D(2024, 5, 1), quantity=8)], CancelScheduledChange(on=june), at=at(june)
        ),
        preview(sub(), [], ScheduleChange(on=june, quantity=8), at=at(june)),
        preview(sub(), [], SetAutoRenew(on=june, enabled=False), at=at(june)),
        preview(sub(), [], Suspend(at=at(june)), at=at(june)),
        preview(sub(), [Suspend(at=at(D(2024, 6, 1)))], Reactivate(at=at(june)), at=at(june)),
        preview(
            sub(term=Term.P3Y),
            [],
            ChangeBillingPlan(on=D(2024, 1, 11), frequency="annual", unit_price=Money("400", "USD")),
            at=at(D(2024, 1, 11)),
        ),
    ]
    return {reason.code: reason for result in previews for reason in result.reasons}


REASONS = all_reasons()
PREVIEW_CODES = sorted(code for code in messages("en", "billing") if code.startswith("billing.preview."))


def test_the_scenarios_give_every_preview_reason() -> None:
    assert sorted(code for code in REASONS if code.startswith("billing.preview.")) == PREVIEW_CODES


def english_words(code: str) -> set[str]:
    template = re.sub(r"\{[a-z_]+\}", " ", messages("en", "billing")[code])
    return {word.lower() for word in re.findall(r"[^\W\d_]{3,}", template)} - PROPER_NOUNS


@pytest.mark.parametrize("code", PREVIEW_CODES)
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_each_preview_reason_renders_in_the_locale_without_english(code: str, locale: str) -> None:
    text = render(REASONS[code], locale=locale)
    assert "{" not in text
    assert code not in text  # a message the catalog lacks renders as its code
    if not locale.startswith("en"):
        words = {word.lower() for word in re.findall(r"[^\W\d_]{3,}", text)}
        assert set() == words & english_words(code), text
