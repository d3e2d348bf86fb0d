"""Reason, Source and Params of cspcore.explain: what they accept, and how refusals read."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

from cspcore import InvalidInput, Money, Reason, Source
from cspcore.errors import ErrorCode
from cspcore.explain import Params

if TYPE_CHECKING:
    from collections.abc import Callable

loose_params: Any = Params
loose_reason: Any = Reason
loose_source: Any = Source


class Tier(enum.Enum):
    GOLD = "gold"


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: loose_params([("a", 1)]), "params", ErrorCode.WRONG_TYPE),
        (lambda: loose_params({"1a": 1}), "params", ErrorCode.MALFORMED),
        (lambda: loose_params({3: 1}), "params", ErrorCode.WRONG_TYPE),
        (lambda: loose_params(rate=1.5), "params.rate", ErrorCode.WRONG_TYPE),
        (lambda: loose_params(rates=(1, 2.5)), "params.rates", ErrorCode.WRONG_TYPE),
        (
            lambda: loose_params(roles=["a"]),
            "params.roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose_params(pairs=(("a", b"x"),)),
            "params.pairs",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose_reason(code="core.x", params="a=1"), "params", ErrorCode.WRONG_TYPE),
        (
            lambda: loose_reason(code="Core.x"),
            "code",
            ErrorCode.MALFORMED,
        ),
        (
            lambda: loose_reason(code=7),
            "code",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose_reason(code="core.x", source="billing-basics.md"),
            "source",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose_source(document=None), "document", ErrorCode.WRONG_TYPE),
        (lambda: loose_source(document="a.md", section=""), "section", ErrorCode.EMPTY),
        (lambda: loose_source(document="a.md", url=3), "url", ErrorCode.WRONG_TYPE),
        (lambda: loose_source(document="a.md", publisher=" "), "publisher", ErrorCode.EMPTY),
    ],
)
def test_bad_input_names_the_field_the_problem_and_the_value(
    call: Callable[[], Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert field == caught.value.field
    assert code == caught.value.code


class TestParams:
    def test_every_renderable_kind_of_value_is_accepted(self) -> None:
        values: dict[str, Any] = {
            "name": "x",
            "count": 1,
            "rate": Decimal("0.5"),
            "amount": Money("1", "EUR"),
            "on": dt.date(2024, 1, 1),
            "at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            "tier": Tier.GOLD,
            "nothing": None,
            "nested": (("a", 1), ()),
        }
        params = Params(values)
        assert values == dict(params)
        assert list(params) == ["name", "count", "rate", "amount", "on", "at", "tier", "nothing", "nested"]

    def test_keywords_are_merged_over_the_mapping(self) -> None:
        assert dict(Params({"a": 1, "b": 2}, b=3)) == {"a": 1, "b": 3}

    def test_no_mapping_means_no_params(self) -> None:
        assert len(Params()) == 0
        assert len(Params(None)) == 0

    def test_params_cannot_be_changed(self) -> None:
        params = Params(a=1)
        loose: Any = params  # a type checker refuses both writes; at run time they raise
        with pytest.raises(AttributeError):
            loose.extra = 2
        with pytest.raises(AttributeError):
            loose._items = {}
        with pytest.raises(KeyError):
            params["b"]

    def test_equal_params_hash_alike_and_different_ones_do_not(self) -> None:
        assert hash(Params(a=1, b=2)) == hash(Params({"b": 2, "a": 1}))
        assert len({hash(Params(n=n)) for n in range(50)}) == 50

    def test_params_equal_plain_mappings_with_the_same_items(self) -> None:
        assert Params(a=1) == {"a": 1}
        assert Params(a=1) != {"a": 2}
        assert Params(a=1) != Params(a=2)
        assert Params(a=1).__eq__(1) is NotImplemented


class TestReason:
    def test_a_params_value_is_kept_as_it_is(self) -> None:
        params = Params(a=1)
        assert params is Reason(code="core.x", params=params).params

    def test_a_mapping_or_nothing_becomes_params(self) -> None:
        assert Params(a=1) == Reason(code="core.x", params={"a": 1}).params
        assert Params() == Reason(code="core.x", params=None).params
        assert Params() == Reason(code="core.x").params

    def test_a_source_is_kept(self) -> None:
        source = Source(document="billing-basics.md", section="Cancellation")
        assert source is Reason(code="billing.x.y", source=source).source
        assert Reason(code="billing.x.y").source is None

    def test_codes_need_two_lower_case_segments(self) -> None:
        assert Reason(code="core.x_1.y2").domain == "core"
        for bad in ["core", "core.", ".core", "core.X", "1core.x", "core x.y", "core.x\n"]:
            with raises_invalid(field="code", code=ErrorCode.MALFORMED):
                Reason(code=bad)

    def test_a_reason_reads_as_its_english_sentence(self) -> None:
        reason = Reason(code="core.money.currency_mismatch", params={"left": "EUR", "right": "USD"})
        assert str(reason) == "Amounts in EUR and USD cannot be combined without a conversion."


class TestSource:
    def test_a_citation_names_publisher_document_and_section(self) -> None:
        assert (
            Source(document="billing-basics.md", section="Cancellation").cite()
            == "Partner Center: billing-basics.md, Cancellation"
        )
        assert Source(document="gdap-faq.md").cite() == "Partner Center: gdap-faq.md"
        assert (
            Source(document="a.md", section="B", publisher="Microsoft Learn").cite()
            == "Microsoft Learn: a.md, B"
        )


@pytest.mark.parametrize(
    ("call", "field", "value"),
    [
        (lambda: loose_params([("a", 1)]), "params", [("a", 1)]),
        (lambda: loose_params({"1a": 1}), "params", "1a"),
        (lambda: loose_params({3: 1}), "params", 3),
        (lambda: loose_params(rate=1.5), "params.rate", 1.5),
        (lambda: loose_params(rates=(1, 2.5)), "params.rates", 2.5),
        (lambda: loose_params(roles=["a"]), "params.roles", ["a"]),
        (lambda: loose_reason(code="core.x", params="a=1"), "params", "a=1"),
    ],
)
def test_a_refused_param_is_carried_by_the_error(call: Callable[[], Any], field: str, value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (caught.value.field, caught.value.value) == (field, value)
