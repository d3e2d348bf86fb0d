"""Public values are built with keywords; a positional call still works for one release, with a warning.

Each positional call below is marked as a type error, so ``mypy --strict`` (``warn_unused_ignores``)
also checks that type checkers refuse it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import cspcore
from cspcore import Money, Reason, Source
from cspcore.billing import (
    Action,
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ChargeCycle,
    CollectionsPolicy,
    ConvertTrial,
    CreditNote,
    InvoiceLine,
    Payment,
    PriceChange,
    ScheduledAction,
    SeatLot,
    Stage,
)
from cspcore.billing.collections.stages import Ladder
from cspcore.explain import Params
from cspcore.roles import EntraRole, GdapRelationship
from cspcore.support import (
    BusinessHours,
    ContactMethod,
    Issue,
    PartnerProfile,
    Pricing,
    Route,
    SupportOffering,
    SupportProfile,
    SupportType,
    route,
)

if TYPE_CHECKING:
    from collections.abc import Callable

DAY = dt.date(2024, 3, 1)
AT = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
EUR = Money("10.00", "EUR")
STAGE = Stage(name="remind", after_days=0, actions=(Action.REMIND,))
HOURS = BusinessHours(tz="Europe/Prague", weekly={0: ((dt.time(9), dt.time(17)),)})
ROUTE = route(Issue(kind="billing", product="azure"), partner=PartnerProfile(type="directBill"))
SOURCE = Source(document="create-a-new-subscription.md", section="Trials")

CASES: list[tuple[Callable[[], object], Callable[[], object]]] = [
    (
        lambda: CollectionsPolicy("p", (STAGE,)),  # type: ignore[call-arg]
        lambda: CollectionsPolicy(name="p", stages=(STAGE,)),
    ),
    (
        lambda: ScheduledAction(DAY, STAGE, (Action.REMIND,)),  # type: ignore[call-arg]
        lambda: ScheduledAction(on=DAY, stage=STAGE, actions=(Action.REMIND,)),
    ),
    (
        lambda: Ladder(((1, EUR.amount, 1),), "EUR", True),  # type: ignore[call-arg]
        lambda: Ladder(thresholds=((1, EUR.amount, 1),), currency="EUR", amounts=True),
    ),
    (
        lambda: Stage("big", 5, (Action.REMIND,), EUR, 2),  # type: ignore[call-arg]
        lambda: Stage(
            name="big", after_days=5, actions=(Action.REMIND,), min_overdue=EUR, min_unpaid_invoices=2
        ),
    ),
    (
        lambda: ChargeCycle(DAY, dt.date(2024, 3, 31), 31),  # type: ignore[call-arg]
        lambda: ChargeCycle(start=DAY, end=dt.date(2024, 3, 31), days=31),
    ),
    (
        lambda: Cancel(AT),  # type: ignore[call-arg]
        lambda: Cancel(at=AT),
    ),
    (
        lambda: ChangeBillingPlan(DAY, "annual", EUR),  # type: ignore[call-arg]
        lambda: ChangeBillingPlan(on=DAY, frequency="annual", unit_price=EUR),
    ),
    (
        lambda: ChangeQuantity(DAY, 12),  # type: ignore[call-arg]
        lambda: ChangeQuantity(on=DAY, quantity=12),
    ),
    (
        lambda: ConvertTrial(DAY, EUR, "P1Y", "annual", 5),  # type: ignore[call-arg]
        lambda: ConvertTrial(on=DAY, unit_price=EUR, term="P1Y", frequency="annual", quantity=5),
    ),
    (
        lambda: PriceChange(DAY, EUR),  # type: ignore[call-arg]
        lambda: PriceChange(on=DAY, unit_price=EUR),
    ),
    (
        lambda: CreditNote("C-1", EUR, DAY),  # type: ignore[call-arg]
        lambda: CreditNote(id="C-1", amount=EUR, issued=DAY),
    ),
    (
        lambda: InvoiceLine("Seats", EUR),  # type: ignore[call-arg]
        lambda: InvoiceLine(description="Seats", amount=EUR),
    ),
    (
        lambda: Payment("P-1", EUR, DAY),  # type: ignore[call-arg]
        lambda: Payment(id="P-1", amount=EUR, received=DAY),
    ),
    (
        lambda: SeatLot(DAY, 3),  # type: ignore[call-arg]
        lambda: SeatLot(added_on=DAY, quantity=3),
    ),
    (
        lambda: Reason("billing.trial", {"days": 30}, SOURCE),  # type: ignore[call-arg]
        lambda: Reason(code="billing.trial", params={"days": 30}, source=SOURCE),
    ),
    (
        lambda: Source("a.md", "Trials", "https://learn.microsoft.com/a", "Microsoft"),  # type: ignore[call-arg]
        lambda: Source(
            document="a.md", section="Trials", url="https://learn.microsoft.com/a", publisher="Microsoft"
        ),
    ),
    (
        lambda: GdapRelationship("contoso", {EntraRole.DIRECTORY_READERS}, 30, AT),  # type: ignore[call-arg]
        lambda: GdapRelationship(
            customer_id="contoso", roles={EntraRole.DIRECTORY_READERS}, duration=30, activated_at=AT
        ),
    ),
    (
        lambda: BusinessHours("Europe/Prague", {0: ((dt.time(9), dt.time(17)),)}),  # type: ignore[call-arg]
        lambda: BusinessHours(tz="Europe/Prague", weekly={0: ((dt.time(9), dt.time(17)),)}),
    ),
    (
        lambda: Route(  # type: ignore[call-arg]
            ROUTE.handler, ROUTE.vehicle, ROUTE.fee_based, ROUTE.steps, ROUTE.filer_roles, ROUTE.reasons
        ),
        lambda: Route(
            handler=ROUTE.handler,
            vehicle=ROUTE.vehicle,
            fee_based=ROUTE.fee_based,
            steps=ROUTE.steps,
            filer_roles=ROUTE.filer_roles,
            reasons=ROUTE.reasons,
        ),
    ),
    (
        lambda: Issue("technical", "azure"),  # type: ignore[call-arg]
        lambda: Issue(kind="technical", product="azure"),
    ),
    (
        lambda: PartnerProfile("directBill"),  # type: ignore[call-arg]
        lambda: PartnerProfile(type="directBill"),
    ),
    (
        lambda: SupportOffering(  # type: ignore[call-arg]
            {SupportType.TECHNICAL}, HOURS, {ContactMethod.EMAIL}, ("cs",), Pricing.included()
        ),
        lambda: SupportOffering(
            support_types={SupportType.TECHNICAL},
            hours=HOURS,
            contact_methods={ContactMethod.EMAIL},
            languages=("cs",),
            pricing=Pricing.included(),
        ),
    ),
    (
        lambda: SupportProfile("help@contoso.example", "+420 123 456 789", "https://contoso.example"),  # type: ignore[call-arg]
        lambda: SupportProfile(
            email="help@contoso.example", telephone="+420 123 456 789", website="https://contoso.example"
        ),
    ),
]

IDS = [type(keywords()).__name__ for _, keywords in CASES]


@pytest.mark.parametrize(("positional", "keywords"), CASES, ids=IDS)
def test_a_positional_call_warns_and_builds_the_keyword_value(
    positional: Callable[[], object], keywords: Callable[[], object]
) -> None:
    with pytest.warns(DeprecationWarning, match="=") as caught:
        built = positional()
    assert keywords() == built
    assert [__file__] == [warning.filename for warning in caught]


@pytest.mark.parametrize(("positional", "keywords"), CASES, ids=IDS)
def test_the_signature_is_keyword_only(
    positional: Callable[[], object], keywords: Callable[[], object]
) -> None:
    del positional
    cls = type(keywords())
    kinds = {parameter.kind for parameter in inspect.signature(cls).parameters.values()}
    assert kinds == {inspect.Parameter.KEYWORD_ONLY}


def _exported_attrs_classes() -> dict[str, type[Any]]:
    found: dict[str, type[Any]] = {}
    for module_info in pkgutil.walk_packages(cspcore.__path__, "cspcore."):
        if any(part.startswith("_") for part in module_info.name.split(".")):
            continue
        module = importlib.import_module(module_info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_exported_value_class_takes_keywords_only() -> None:
    classes = _exported_attrs_classes()
    # Params is a mapping, built from one like a dict is (its own __init__ takes the mapping positionally).
    positional = sorted(
        name
        for name, cls in classes.items()
        if cls is not Params and any(f.init and not f.kw_only for f in attrs.fields(cls))
    )
    assert positional == []
    tested = {type(keywords()) for _, keywords in CASES}
    assert (len(CASES), set()) == (len(tested), tested - set(classes.values()))
