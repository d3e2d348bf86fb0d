"""Product names agree with their values (MICROSOFT365 is "microsoft365"); the old names M365 and DYNAMICS
still find their members for one release, with a DeprecationWarning. Severity errors offer the letters the
docs use. BusinessHours takes a ZoneInfo as well as a zone name."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import io
import re
from zoneinfo import ZoneInfo

import pytest

from cspcore import ErrorCode, InvalidInput
from cspcore.support import BusinessHours, Issue, IssueKind, Product, Severity


def squash(text: str) -> str:
    return re.sub(r"[\s_\-]", "", text.casefold())


@pytest.mark.parametrize("product", list(Product), ids=lambda p: p.name)
def test_every_product_name_is_a_spelling_of_its_value(product: Product) -> None:
    assert squash(product.name) == squash(product.value)


@pytest.mark.parametrize(
    ("read", "new"),
    [
        (lambda: Product.M365, Product.MICROSOFT365),
        (lambda: Product.DYNAMICS, Product.DYNAMICS365),
        (lambda: Product["M365"], Product.MICROSOFT365),
        (lambda: Product["DYNAMICS"], Product.DYNAMICS365),
        (lambda: Product("M365"), Product.MICROSOFT365),
        (lambda: Product("dynamics"), Product.DYNAMICS365),
        (lambda: Issue(kind="billing", product="M365").product, Product.MICROSOFT365),  # type: ignore[arg-type]
    ],
)
def test_an_old_name_finds_the_new_member_and_warns(read: object, new: Product) -> None:
    with pytest.warns(DeprecationWarning, match="deprecated"):
        assert read() is new  # type: ignore[operator]


def test_the_old_names_are_no_members_of_their_own() -> None:
    assert [p.name for p in Product][:2] == ["MICROSOFT365", "DYNAMICS365"]
    assert "M365" not in Product.__members__


def test_an_unknown_name_is_still_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Product("M366")
    assert (caught.value.field, caught.value.code) == ("product", ErrorCode.UNKNOWN_VALUE)


def test_a_wrong_severity_offers_the_letters() -> None:
    with pytest.raises(InvalidInput) as caught:
        Issue(kind=IssueKind.TECHNICAL, product=Product.AZURE, severity="D")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("severity", ErrorCode.UNKNOWN_VALUE)
    for severity in Severity:
        assert f"{severity.name} ({severity.value})" in str(caught.value)


def test_business_hours_take_a_zoneinfo_and_keep_its_name() -> None:
    by_zone = BusinessHours.from_weekdays(ZoneInfo("Europe/Prague"), dt.time(9), dt.time(17))
    by_name = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
    assert by_zone == by_name
    assert by_zone.tz == "Europe/Prague"
    assert by_zone.zone == ZoneInfo("Europe/Prague")


def test_a_zoneinfo_without_a_name_is_refused() -> None:
    data = importlib.resources.files("tzdata").joinpath("zoneinfo/Europe/Prague").read_bytes()
    nameless = ZoneInfo.from_file(io.BytesIO(data))
    key: object = nameless.key  # typeshed says str; a zone read from a file has None
    assert key is None
    with pytest.raises(InvalidInput) as caught:
        BusinessHours.from_weekdays(nameless, dt.time(9), dt.time(17))
    assert (caught.value.field, caught.value.code) == ("tz", ErrorCode.MISSING)
