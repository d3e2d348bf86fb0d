"""Partner Earned Credit refusals are reasons: one ``billing.pec.*`` code per unmet rule, in every locale."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import ErrorCode, InvalidInput
from cspcore.billing import PecCheck, PecExclusion, PecRefusal, check_pec
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, messages, render

CODES = {
    PecRefusal.NO_AGREEMENT: "billing.pec.no_agreement",
    PecRefusal.NOT_APPLICABLE: "billing.pec.not_applicable",
    PecRefusal.NO_ELIGIBLE_ROLE: "billing.pec.no_eligible_role",
    PecRefusal.NOT_WHOLE_DAY: "billing.pec.not_whole_day",
}


@given(
    agreement=st.booleans(),
    eligible_role=st.booleans(),
    whole_day=st.booleans(),
    exclusion=st.none() | st.sampled_from(PecExclusion),
)
def test_each_refusal_has_its_reason_in_the_same_order(
    agreement: bool, eligible_role: bool, whole_day: bool, exclusion: PecExclusion | None
) -> None:
    check = check_pec(
        agreement=agreement, eligible_role=eligible_role, whole_day=whole_day, exclusion=exclusion
    )
    assert [reason.code for reason in check.reasons] == [CODES[refusal] for refusal in check.refusals]
    assert check.eligible == (not check.reasons)
    assert check.exclusion is exclusion
    assert all(reason.source is not None for reason in check.reasons)
    for reason in check.reasons:
        assert dict(reason.params) == (
            {"exclusion": exclusion} if reason.code.endswith("not_applicable") else {}
        )


def test_the_excluded_product_is_named_in_the_reason() -> None:
    check = check_pec(eligible_role=True, whole_day=True, exclusion="spotVm")  # type: ignore[arg-type]
    (reason,) = check.reasons
    assert reason.code == "billing.pec.not_applicable"
    assert reason.params["exclusion"] is PecExclusion.SPOT_VM


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_pec_reason_renders_in_every_locale(locale: str) -> None:
    every = check_pec(
        agreement=False, eligible_role=False, whole_day=False, exclusion=PecExclusion.MARKETPLACE
    )
    assert len(every.reasons) == len(PecRefusal)
    english = [render(reason, locale="en_US") for reason in every.reasons]
    shown = [render(reason, locale=locale) for reason in every.reasons]
    assert all(shown)
    assert "{" not in "".join(shown)
    if not locale.startswith("en"):
        assert not set(shown) & set(english)  # translated, not the English fallback


@pytest.mark.parametrize(("language", "exclusion"), list(itertools.product(CATALOG_LANGUAGES, PecExclusion)))
def test_every_exclusion_has_a_label_in_every_language(language: str, exclusion: PecExclusion) -> None:
    assert f"label.PecExclusion.{exclusion.name}" in messages(language, "billing")


def test_a_check_names_its_exclusion_exactly_when_it_refuses_an_excluded_product() -> None:
    with pytest.raises(InvalidInput) as missing:
        PecCheck(refusals=(PecRefusal.NOT_APPLICABLE,))
    with pytest.raises(InvalidInput) as extra:
        PecCheck(refusals=(), exclusion=PecExclusion.RESERVATION)
    with pytest.raises(InvalidInput) as unknown:
        PecCheck(refusals=(PecRefusal.NOT_APPLICABLE,), exclusion="cheese")  # type: ignore[arg-type]
    assert (missing.value.field, missing.value.code) == ("exclusion", ErrorCode.MISSING)
    assert (extra.value.field, extra.value.code) == ("exclusion", ErrorCode.INCONSISTENT)
    assert (unknown.value.field, unknown.value.code) == ("exclusion", ErrorCode.UNKNOWN_VALUE)
    assert PecCheck(refusals=()).reasons == ()
