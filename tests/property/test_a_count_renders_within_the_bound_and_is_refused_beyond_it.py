"""A whole count of up to 31 digits renders, every digit; a longer one is refused under its parameter.

31 digits: cspcore's one bound on numbers is a magnitude within 10**30 either way, as an exponent.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Reason
from cspcore.i18n import format_decimal, render

#: The smallest magnitude refused.
BOUND = 10**31
LOCALES = st.sampled_from(["en_US", "cs_CZ", "pl_PL", "hu_HU", "ja_JP"])


@given(st.integers(-(10**45), 10**45) | st.integers(-(10**4), 10**4), LOCALES)
@example(BOUND - 1, "pl_PL")
@example(-(BOUND - 1), "cs_CZ")
@example(BOUND, "en_US")
@example(10**40, "hu_HU")
@example(-(10**40), "ja_JP")
def test_a_count_renders_within_the_bound_and_is_refused_beyond_it(days: int, locale: str) -> None:
    reason = Reason(code="roles.gdap.expiry_notice", params={"customer": "c1", "end": "1.7.", "days": days})
    if abs(days) < BOUND:
        assert format_decimal(days, locale=locale) in render(reason, locale=locale)
        return
    with raises_invalid(field="reason.params.days", code=ErrorCode.OUT_OF_RANGE):
        render(reason, locale=locale)
