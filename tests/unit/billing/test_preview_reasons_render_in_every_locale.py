"""Every reason a preview gives renders in the five locales, in the locale's language (no English left)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from tests.previews import at, e3

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


def all_reasons() -> dict[str, Reason]:
    june = D(2024, 6, 3)
    previews = [
        preview(e3(), [], ChangeQuantity(on=D(2024, 1, 12), quantity=12), at=at(D(2024, 1, 12))),
        preview(e3(), [], ChangeQuantity(on=D(2024, 1, 12), quantity=1), at=at(D(2024, 1, 12))),
        preview(e3(), [], ChangeQuantity(on=D(2024, 1, 12), quantity=10), at=at(D(2024, 1, 12))),
        preview(e3(), [], Cancel(at=at(D(2024, 1, 12))), at=at(D(2024, 1, 12))),
        preview(e3(), [], Cancel(at=at(june)), at=at(june)),
        preview(e3(), [], Upgrade(on=june, product="E5", unit_price=Money("57", "USD")), at=at(june)),
        preview(
            e3(trial=True),
            [],
            ConvertTrial(on=D(2024, 1, 15), unit_price=Money("36", "USD")),
            at=at(D(2024, 1, 15)),
        ),
        preview(
            e3(), [ScheduleChange(on=D(2024, 5, 1), quantity=8)], CancelScheduledChange(on=june), at=at(june)
        ),
        preview(e3(), [], ScheduleChange(on=june, quantity=8), at=at(june)),
        preview(e3(), [], SetAutoRenew(on=june, enabled=False), at=at(june)),
        preview(e3(), [], Suspend(at=at(june)), at=at(june)),
        preview(e3(), [Suspend(at=at(D(2024, 6, 1)))], Reactivate(at=at(june)), at=at(june)),
        preview(
            e3(term=Term.P3Y),
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
