from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cspcore import RuleViolation
from cspcore.billing import BillingFrequency, CancellationKind, ChargeType, ProrationRounding, Term
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, label, messages, placeholders, render

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

SOURCES = Path(__file__).parents[3] / "src" / "cspcore" / "billing"
CODES = sorted(
    {
        code
        for path in SOURCES.rglob("*.py")
        for code in re.findall(
            r'Reason\(\s*(?:code=)?"(billing\.[a-z0-9_.]+)"', path.read_text(encoding="utf-8")
        )
    }
)


def test_the_billing_sources_use_reason_codes() -> None:
    assert len(CODES) >= 15


@pytest.mark.parametrize("code", CODES)
def test_every_billing_reason_code_has_the_same_placeholders_in_all_five_catalogs(code: str) -> None:
    english = messages("en", "billing")[code]
    for language in CATALOG_LANGUAGES:
        assert placeholders(english) == placeholders(messages(language, "billing")[code]), language


@pytest.mark.parametrize(
    "enum_class", [Term, BillingFrequency, ChargeType, CancellationKind, ProrationRounding]
)
def test_every_billing_enum_member_has_a_label_in_every_language(enum_class: type[enum.Enum]) -> None:
    for member in enum_class:
        for language in CATALOG_LANGUAGES:
            assert f"label.{enum_class.__name__}.{member.name}" in messages(language, "billing")
    assert label(ChargeType.ADD_QUANTITY, locale="pl_PL") == "dodanie licencji"


def _violations() -> list[tuple[str, Callable[[], object]]]:
    import datetime as dt

    from cspcore import Money
    from cspcore.billing import (
        Cancel,
        ChangeBillingPlan,
        ChangeQuantity,
        ConvertTrial,
        Subscription,
        Upgrade,
        coterminous_end,
        rate,
    )

    d = dt.date
    sub = Subscription(
        id="s",
        product="P",
        start=d(2024, 3, 10),
        term="P1Y",
        frequency="monthly",
        quantity=5,
        unit_price=Money("10", "EUR"),
        max_quantity=9,
    )
    trial = Subscription(
        id="t",
        product="P",
        start=d(2024, 3, 10),
        term="P1M",
        frequency="none",
        quantity=25,
        unit_price=Money(0, "EUR"),
        trial=True,
    )
    eur = Money("1", "EUR")
    late = d(2024, 3, 30)
    return [
        (
            "billing.cancel.window_closed",
            lambda: rate(sub, [Cancel(at=dt.datetime(2024, 4, 1, tzinfo=dt.UTC))], through=d(2024, 4, 30)),
        ),
        (
            "billing.seats.reduction_closed",
            lambda: rate(sub, [ChangeQuantity(on=late, quantity=4)], through=late),
        ),
        (
            "billing.seats.out_of_range",
            lambda: rate(sub, [ChangeQuantity(on=late, quantity=10)], through=late),
        ),
        (
            "billing.trial.quantity_locked",
            lambda: rate(trial, [ChangeQuantity(on=late, quantity=26)], through=late),
        ),
        (
            "billing.trial.convert_instead",
            lambda: rate(trial, [Upgrade(on=late, product="X", unit_price=eur)], through=late),
        ),
        (
            "billing.trial.not_a_trial",
            lambda: rate(sub, [ConvertTrial(on=late, unit_price=eur)], through=late),
        ),
        (
            "billing.term.downgrade",
            lambda: rate(sub, [Upgrade(on=late, product="X", unit_price=eur, term="P1M")], through=late),
        ),
        (
            "billing.upgrade.quantity",
            lambda: rate(sub, [Upgrade(on=late, product="X", unit_price=eur, quantity=6)], through=late),
        ),
        (
            "billing.plan.change_refused",
            lambda: rate(sub, [ChangeBillingPlan(on=late, frequency="annual", unit_price=eur)], through=late),
        ),
        (
            "billing.subscription.inactive",
            lambda: rate(
                sub,
                [Cancel(at=dt.datetime(2024, 3, 11, tzinfo=dt.UTC)), ChangeQuantity(on=late, quantity=6)],
                through=late,
            ),
        ),
        (
            "billing.coterm.monthly_existing",
            lambda: coterminous_end(late, Term.P1Y, existing_end=late, existing_term=Term.P1M),
        ),
        (
            "billing.coterm.monthly_day",
            lambda: coterminous_end(late, Term.P1M, existing_end=late, existing_term=Term.P1Y),
        ),
        (
            "billing.coterm.no_fit",
            lambda: coterminous_end(late, Term.P1M, existing_end=d(2025, 1, 1), existing_term=Term.P1Y),
        ),
    ]


@pytest.mark.parametrize(("code", "action"), _violations(), ids=[code for code, _ in _violations()])
def test_every_refusal_explains_itself_in_every_locale(code: str, action: Callable[[], object]) -> None:
    with pytest.raises(RuleViolation) as caught:
        action()
    reason = caught.value.reasons[0]
    assert code == reason.code
    for each in caught.value.reasons:  # the decision first, then (for windows) the rule version it used
        assert each.source is not None
        texts = {render(each, locale=locale) for locale in SUPPORTED_LOCALES}
        assert len(texts) == len(SUPPORTED_LOCALES)
        assert not any("{" in text or each.code in text for text in texts)
