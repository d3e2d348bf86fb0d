"""The public API, walked: every public callable, its parameters, and plausible values for each.

Shared by the API-wide fuzz test (``test_api_fuzz.py``) and the hostile-input suite
(``test_hostile_inputs.py``): both call every name in each package's ``__all__`` (and the public
class methods of its classes) with plausible values for all parameters but one.

Plausible values come from the public strategies in :mod:`cspcore.testing` for domain values (a ledger,
a policy, a subscription...), so a call gets past its first argument check and reaches the rule itself.
Every amount is in EUR, so that a value in another currency is the only disagreement.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import importlib
import inspect
import pkgutil
import types
import typing
from collections import abc
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

import cspcore
from cspcore import Money, Reason, Rounding, Source
from cspcore.billing import (
    ChargeLine,
    CollectionsPolicy,
    Commitment,
    CreditNote,
    Invoice,
    InvoiceLine,
    Ledger,
    Payment,
    PaymentTerms,
    Pricing,
    SeatLot,
    Stage,
    Subscription,
    TaxRule,
)
from cspcore.billing.portfolio import Account, Portfolio, sample_portfolio
from cspcore.roles import EntraRole, GdapRelationship, GdapRequest
from cspcore.support import BusinessHours, Issue, PartnerProfile, SlaClock, SupportOffering
from cspcore.support import Pricing as SupportPricing
from cspcore.testing.billing import subscriptions
from cspcore.testing.interop import charge_lines
from cspcore.testing.ledger import credit_notes, invoices, ledgers, payments, policies
from cspcore.testing.roles import gdap_relationships
from cspcore.testing.strategies import adversarial_values, aware_datetimes, money
from cspcore.testing.support import business_hours, issues, partners, targets

if typing.TYPE_CHECKING:
    from collections.abc import Callable

PACKAGES = (
    "cspcore",
    "cspcore.money",
    "cspcore.currencies",
    "cspcore.rounding",
    "cspcore.dates",
    "cspcore.errors",
    "cspcore.explain",
    "cspcore.i18n",
    "cspcore.billing",
    "cspcore.billing.whatif",
    "cspcore.billing.portfolio",
    "cspcore.roles",
    "cspcore.support",
    "cspcore.interop",
    "cspcore.interop.partner_center",
    "cspcore.interop.explain",
)
#: Keywords kept for one release under their old names (docs/conventions.md): they warn by design, and
#: their new names are fuzzed instead.
RENAMED_KEYWORDS = frozenset({"allowed"})
#: Callables that are not rules: exception classes (constructed by cspcore itself) and plain containers.
SKIP = {"CspError", "InvalidInput", "CurrencyMismatch", "RuleViolation", "ErrorCode"}
#: The currency of every plausible amount; hostile suites bring in another one on purpose.
CURRENCY = "EUR"
OTHER_CURRENCY = "USD"


def _class_methods(owner: str, cls: type) -> list[tuple[str, Callable[..., Any]]]:
    """The public class and static methods of ``cls`` (alternative constructors such as ``Money.zero``)."""
    found = []
    for attr, raw in vars(cls).items():
        if attr.startswith("_") or not isinstance(raw, (classmethod, staticmethod)):
            continue
        found.append((f"{owner}.{attr}", getattr(cls, attr)))
    return found


def public_callables() -> list[tuple[str, Callable[..., Any]]]:
    """Every public callable of every package, once, named by where it is first found."""
    found: dict[Any, tuple[str, Callable[..., Any]]] = {}
    for name in PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if (
                not callable(obj)
                or attr in SKIP
                or attr.startswith("_")
                or typing.get_origin(obj) is not None
            ):
                continue  # typing aliases (``RoundingSpelling``) are callable objects, not rules
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue
            found.setdefault(id(obj), (f"{name}.{attr}", obj))
            if isinstance(obj, type) and not issubclass(obj, enum.Enum):
                for method_name, method in _class_methods(f"{name}.{attr}", obj):
                    found.setdefault((id(obj), method_name), (method_name, method))
    return sorted(found.values(), key=lambda item: item[0])


def _namespace() -> dict[str, Any]:
    """Names that annotations written under ``TYPE_CHECKING`` refer to, for resolving them at run time."""
    names: dict[str, Any] = {"dt": dt, "Decimal": Decimal, "Any": Any}
    names.update({n: getattr(abc, n) for n in abc.__all__})
    names.update({n: getattr(typing, n) for n in ("Literal", "Optional", "Union", "Final")})
    for package in PACKAGES:
        module = importlib.import_module(package)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if isinstance(obj, type):
                names.setdefault(attr, obj)
    # the spellings a constructor takes for an enum (``TermSpelling``), wherever they are defined
    for info in pkgutil.walk_packages(cspcore.__path__, "cspcore."):
        if "._" in info.name or ".cli" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if typing.get_origin(obj) is typing.Literal:
                names.setdefault(attr, obj)
    return names


_NAMESPACE = _namespace()


def hints(func: Callable[..., Any]) -> dict[str, Any]:
    """The resolved annotations of ``func``'s parameters (of ``__init__`` for a class)."""
    target = func.__init__ if isinstance(func, type) and not issubclass(func, enum.Enum) else func
    target = inspect.unwrap(target)
    with contextlib.suppress(Exception):  # retried below with the names imported only for type checking
        return typing.get_type_hints(target)
    try:
        return typing.get_type_hints(target, globalns={**_NAMESPACE, **getattr(target, "__globals__", {})})
    except Exception:  # noqa: BLE001 - unresolvable annotations just mean no plausible values
        return {}


def parameters(func: Callable[..., Any]) -> list[inspect.Parameter]:
    """The parameters a caller passes (no ``self``, ``*args`` or ``**kwargs``)."""
    if isinstance(func, type) and issubclass(func, enum.Enum):
        return [inspect.Parameter("value", inspect.Parameter.POSITIONAL_ONLY)]
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [
        p
        for p in signature.parameters.values()
        if p.kind not in kinds and p.name != "self" and p.name not in RENAMED_KEYWORDS
    ]


def _dates() -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31))


def _instants() -> st.SearchStrategy[dt.datetime]:
    return aware_datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2026, 12, 31))  # noqa: DTZ001


def _eur() -> st.SearchStrategy[Money]:
    return money(currency=CURRENCY, min_value=0, max_value=10_000)


#: Valid domain values, from the public strategies where there is one; every amount in EUR.
DOMAIN: dict[type, st.SearchStrategy[Any]] = {
    Money: _eur(),
    Ledger: ledgers(currency=CURRENCY, max_invoices=3, max_payments=2),
    Invoice: invoices(currency=CURRENCY),
    Payment: payments(currency=CURRENCY),
    CreditNote: credit_notes(currency=CURRENCY),
    CollectionsPolicy: policies(currency=CURRENCY, max_stages=3),
    Stage: policies(currency=CURRENCY, max_stages=1).map(lambda p: p.stages[0]),
    Subscription: subscriptions(currency=CURRENCY),
    ChargeLine: charge_lines(currency=CURRENCY),
    InvoiceLine: st.builds(InvoiceLine, description=st.just("Seats"), amount=_eur()),
    TaxRule: st.builds(TaxRule, rate=st.sampled_from([Decimal(0), Decimal("0.21"), Decimal("0.2")])),
    PaymentTerms: st.builds(PaymentTerms, net_days=st.integers(0, 90), end_of_month=st.booleans()),
    Pricing: st.builds(Pricing, markup=st.sampled_from([Decimal("0.1"), Decimal(0)])),
    Commitment: st.builds(Commitment, subscription_id=st.just("S1"), term_end=_dates(), remaining=_eur()),
    SeatLot: st.builds(SeatLot, added_on=_dates(), quantity=st.integers(1, 50)),
    Portfolio: st.builds(
        sample_portfolio, seed=st.integers(0, 99), accounts=st.integers(1, 3), invoices=st.integers(1, 3)
    ),
    Account: st.builds(
        sample_portfolio, seed=st.integers(0, 99), accounts=st.just(1), invoices=st.just(2)
    ).map(lambda p: p.accounts[0]),
    BusinessHours: business_hours(),
    SlaClock: st.builds(
        lambda target, at: SlaClock(target=target, started_at=at, running_since=at), targets(), _instants()
    ),
    Issue: issues(),
    PartnerProfile: partners(),
    SupportPricing: st.just(SupportPricing.included()),
    SupportOffering: st.builds(
        SupportOffering,
        support_types=st.just({"technical"}),
        hours=st.none() | business_hours(with_holidays=False),
        contact_methods=st.just({"email"}),
        languages=st.just(("en",)),
        pricing=st.just(SupportPricing.included()),
    ),
    GdapRelationship: gdap_relationships(),
    GdapRequest: st.builds(
        GdapRequest,
        customer_id=st.just("contoso"),
        roles=st.frozensets(
            st.sampled_from([EntraRole.HELPDESK_ADMINISTRATOR, EntraRole.INTUNE_ADMINISTRATOR]), min_size=1
        ),
        duration=st.integers(1, 730),
        created_at=_instants(),
    ),
    Reason: st.just(Reason(code="billing.cancel.full")),
    Source: st.just(Source(document="Partner Center documentation")),
    dt.timedelta: targets(),
}

#: Plausible values of parameters whose annotation says nothing (``object``, or none at all).
BY_NAME: dict[str, st.SearchStrategy[Any]] = {
    "currency": st.just(CURRENCY),
    "billing_currency": st.just(CURRENCY),
    "pricing_currency": st.just(CURRENCY),
    "locale": st.sampled_from(["en", "cs_CZ", "ja"]),
    "language": st.sampled_from(["en", "cs"]),
    "as_of": _dates(),
    "on": _dates(),
    "issued": _dates(),
    "start": _dates(),
    "end": _dates(),
    "at": _instants(),
    "ledger": DOMAIN[Ledger],
    "ledgers": st.lists(DOMAIN[Ledger], max_size=2),
    "subscription": DOMAIN[Subscription],
    "policy": DOMAIN[CollectionsPolicy],
    "portfolio": DOMAIN[Portfolio],
    "terms": DOMAIN[PaymentTerms],
    "pricing": DOMAIN[Pricing],
    "tax": DOMAIN[TaxRule],
    "lines": st.lists(DOMAIN[ChargeLine], max_size=3),
    "taxes": st.lists(DOMAIN[Money], max_size=3),
    "reason": DOMAIN[Reason],
    "quantity": st.integers(1, 50),
    "unit_price": DOMAIN[Money],
    "amount": DOMAIN[Money],
    "price": DOMAIN[Money],
    "id": st.just("A1"),
    "days": st.integers(1, 90),
    "partitions": st.integers(1, 4),
}


def _is_attrs_class(annotation: object) -> bool:
    return isinstance(annotation, type) and attrs.has(annotation)


def members(annotation: Any) -> tuple[Any, ...]:
    """The alternatives of a union annotation (the annotation itself otherwise)."""
    if typing.get_origin(annotation) in {typing.Union, types.UnionType}:
        return typing.get_args(annotation)
    return (annotation,)


def item_annotation(annotation: Any) -> Any | None:
    """The item type of a collection annotation (``Sequence[Money]`` gives ``Money``), else None."""
    for member in members(annotation):
        origin = typing.get_origin(member)
        if (
            isinstance(origin, type)
            and issubclass(origin, abc.Iterable)
            and not issubclass(origin, (str, bytes))
        ):
            args = [a for a in typing.get_args(member) if a is not Ellipsis]
            if issubclass(origin, abc.Mapping):
                return None
            return args[0] if args else Any
    return None


def plausible(annotation: Any, name: str = "") -> st.SearchStrategy[Any]:  # noqa: C901, PLR0911, PLR0912 - one branch per kind
    """Valid-looking values for a parameter annotated ``annotation`` (and named ``name``)."""
    if annotation is None or annotation is object or annotation is Any:
        return BY_NAME.get(name, adversarial_values())
    origin = typing.get_origin(annotation)
    if origin in {typing.Union, types.UnionType}:
        return st.one_of([plausible(arg, name) for arg in typing.get_args(annotation)])
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if isinstance(origin, type) and issubclass(origin, abc.Mapping):
        return st.dictionaries(st.sampled_from(["a", "b"]), st.integers(0, 9), max_size=2)
    item = item_annotation(annotation)
    if item is not None:
        inner = plausible(item, name)
        container: Callable[[list[Any]], Any] = origin if origin in {tuple, list, frozenset, set} else tuple
        return st.lists(inner, max_size=3).map(container)
    if annotation is type(None):
        return st.none()
    if annotation in DOMAIN:
        return DOMAIN[annotation]
    if isinstance(annotation, type):
        if issubclass(annotation, bool):
            return st.booleans()
        if issubclass(annotation, enum.Enum):
            found = list(annotation) or list(Rounding)  # a bare Enum annotation: any member will do
            return st.sampled_from(found)
        if issubclass(annotation, dt.datetime):
            return _instants()
        if issubclass(annotation, dt.date):
            return _dates()
        if issubclass(annotation, Decimal):
            return st.decimals(-1000, 1000, places=2)
        if issubclass(annotation, int):
            return BY_NAME.get(name, st.integers(0, 100))
        if issubclass(annotation, str):
            return BY_NAME.get(
                name, st.sampled_from(["EUR", "en_US", "cs_CZ", "sub-1", "G000123", "P1Y", "monthly"])
            )
    return adversarial_values()


def domain_class(annotation: Any) -> type | None:
    """The domain value class an annotation names (``Ledger | None`` gives ``Ledger``), if one in DOMAIN."""
    for member in members(annotation):
        if member in DOMAIN and _is_attrs_class(member):
            return typing.cast("type", member)
    return None


def fields_of(value: object) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of ``value``'s class (none if it is not an attrs class)."""
    kind: Any = type(value)
    return tuple(attrs.fields(kind)) if attrs.has(kind) else ()


def init_fields(cls: type) -> list[tuple[str, str, Any]]:
    """``(attribute, init name, annotation)`` of each field a caller may pass to ``cls``."""
    try:
        resolved = typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001 - unresolvable annotations: the fields are still there
        resolved = {}
    return [(f.name, f.alias, resolved.get(f.name)) for f in attrs.fields(cls) if f.init]


def must_refuse(annotation: Any, value: object) -> bool:
    """Whether accepting ``value`` for a parameter with ``annotation`` is plainly a silent wrong result."""
    if annotation is None or annotation is Any or annotation is object:
        return False
    allowed = members(annotation)
    classes = tuple(a for a in allowed if isinstance(a, type))
    if not classes or len(classes) != len(allowed) or object in classes:
        return False
    if isinstance(value, float):
        return float not in classes
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return True
    if isinstance(value, dt.datetime):
        return all(issubclass(c, dt.date) and not issubclass(c, dt.datetime) for c in classes)
    return False
