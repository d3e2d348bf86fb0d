"""Hostile inputs, API-wide: a CspError or nothing escapes, in time, and no wrong result.

Every public callable (see ``public_api.py``) is called once per hostile class (see ``hostile.py``) with
plausible values for its parameters except one, which gets the hostile value, either directly or inside
a valid domain value (a ledger whose ``invoices`` is ``itertools.count()``, a subscription starting on
``date(9999, 12, 31)``). The call may return or raise a :class:`cspcore.CspError` whose message builds;
anything else, a call over the time budget, and these silent wrong results fail:

* a number past the bounds accepted where the annotation asks for a number;
* a result returned from an endless iterable (it was cut short);
* amounts in two currencies accepted, or refused for their currency with anything but ``CurrencyMismatch``;
* holidays that are not dates accepted.

Set ``CSPCORE_HOSTILE_COUNTS=.hypothesis/hostile-counts.json`` to write how many inputs each class tried.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import inspect
import typing
from collections import abc
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, Phase, assume, event, given, settings
from hypothesis import strategies as st
from tests.property import hostile
from tests.property.public_api import (
    DOMAIN,
    OTHER_CURRENCY,
    domain_class,
    fields_of,
    hints,
    init_fields,
    item_annotation,
    members,
    parameters,
    plausible,
    public_callables,
)

from cspcore import CspError, CurrencyMismatch, InvalidInput, Money, total
from cspcore.billing import (
    CollectionsPolicy,
    Ledger,
    account_credit,
    aging,
    balance,
    evaluate,
    microsoft_standing,
    settle,
)
from cspcore.support import BusinessHours
from cspcore.testing.support import business_hours

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterator

CALLABLES = public_callables()
#: Field and parameter names that hold an amount (or documents with amounts) whatever their annotation.
MONEY_NAMES = frozenset(
    {
        "amount", "amounts", "unit_price", "effective_unit_price", "subtotal", "total", "tax", "price",
        "total_charges", "paid_amount", "remaining", "monthly_cost", "min_overdue", "limit", "currency",
        "invoices", "payments", "credit_notes", "lines", "taxes", "ledger", "ledgers", "accounts", "stages",
    }
)  # fmt: skip


#: Values whose purpose is to hold two currencies: a reconciliation mismatch reports two lines that disagree,
#: their currency included.
MIXED_CURRENCIES = frozenset({"cspcore.interop.Mismatch", "cspcore.interop.partner_center.Mismatch"})

#: Parameters that name a currency only as a default, for when nothing else says which: a close of a
#: customer with no lines and an empty ledger is read in ``currency`` (the month's, from
#: ``close_month``), but a customer whose terms or policy name its own currency is read in that one
#: (documented on the parameter). Amounts in two currencies elsewhere in the call are still refused.
DEFAULT_CURRENCIES = frozenset({("cspcore.interop.close_customer", "currency")})


#: The one narrow exemption from "an endless iterable is refused within ENDLESS_CAP items and the time
#: budget": callables that stream on purpose. A long stream of amounts is legitimate input to ``total``,
#: so its documented bound on an iterator (``cspcore.money.MAX_ITEMS``, 10**7 amounts: about a second
#: and a half unwrapped) lies far past ENDLESS_CAP. For these callables alone, and only for the endless
#: class, the call runs with that bound lowered (module, name, value): an endless iterable must still be
#: refused with a CspError, by the same code path, after the bound's number of items.
STREAMING_BOUNDS: dict[str, tuple[str, str, int]] = {
    "cspcore.total": ("cspcore.money", "MAX_ITEMS", 1_000),
    # a reconciliation reads a month's recon file, millions of rows: its documented bound is 10**8 lines
    "cspcore.interop.reconcile": ("cspcore.interop._rules", "MAX_LINES", 1_000),
    "cspcore.interop.seats_at_period_end": ("cspcore.interop._rules", "MAX_LINES", 1_000),
}


#: Trusted constructors of computed values take more digits than an input may: money's exact operations
#: make up to 200 significant digits (a prorated price has 80). Their own bound is pinned by unit tests.
WIDER_DIGITS = {("cspcore.money.exact_money", "long_digits")}


def _streaming_bound(name: str, kind: str) -> contextlib.AbstractContextManager[object]:
    """The exemption above, for one case: the streaming bound lowered, or nothing."""
    if kind != "endless" or name not in STREAMING_BOUNDS:
        return contextlib.nullcontext()
    module, attribute, value = STREAMING_BOUNDS[name]
    owner = importlib.import_module(module)
    assert value < getattr(owner, attribute), "the exemption only ever lowers a documented bound"
    assert value < hostile.ENDLESS_CAP
    return mock.patch.object(owner, attribute, value)


@attrs.frozen
class Target:
    """Where a hostile value goes: parameter ``parameter`` itself, or field ``field`` of its value."""

    parameter: str | None
    field: str | None
    annotation: Any
    name: str

    @property
    def path(self) -> str:
        return ".".join(part for part in (self.parameter, self.field) if part)


def _money_like(annotation: Any, name: str) -> bool:
    if name in MONEY_NAMES:
        return True
    kinds = [*members(annotation), *members(item_annotation(annotation))]
    return any(k is Money or (domain_class(k) is not None and _money_like_class(k)) for k in kinds)


def _money_like_class(cls: type) -> bool:
    return any(name in MONEY_NAMES or annotation is Money for _, name, annotation in init_fields(cls))


def _applies(kind: str, annotation: Any, name: str) -> bool:
    loose = annotation is None or annotation is object or annotation is Any
    if kind in {"long_digits", "huge_magnitudes"}:
        return hostile.is_number_like(annotation)
    if kind == "year_edges":
        return hostile.is_date_like(annotation)
    if kind == "endless":
        return loose or item_annotation(annotation) is not None
    if kind == "currency_mismatch":
        return _money_like(annotation, name)
    if kind == "non_date_holidays":
        return name == "holidays"
    return True  # bad_repr: anything


def _constructed(func: Callable[..., Any]) -> type | None:
    """The domain class ``func`` is, if it is one with a valid-value strategy (built by ``attrs.evolve``)."""
    return func if isinstance(func, type) and func in DOMAIN and attrs.has(func) else None


def targets(func: Callable[..., Any], kind: str) -> list[Target]:
    """Every place a hostile value of class ``kind`` can go in a call of ``func``."""
    cls = _constructed(func)
    if cls is not None:
        return [
            Target(None, alias, ann, attr)
            for attr, alias, ann in init_fields(cls)
            if _applies(kind, ann, attr)
        ]
    found = []
    resolved = hints(func)
    for parameter in parameters(func):
        annotation = resolved.get(parameter.name)
        if _applies(kind, annotation, parameter.name):
            found.append(Target(parameter.name, None, annotation, parameter.name))
        inner = domain_class(annotation) or domain_class(item_annotation(annotation))
        if inner is not None:
            found.extend(
                Target(parameter.name, alias, ann, attr)
                for attr, alias, ann in init_fields(inner)
                if _applies(kind, ann, attr)
            )
    return found


CASES = [(name, func, kind) for name, func in CALLABLES for kind in hostile.CLASSES if targets(func, kind)]


@attrs.frozen
class Nested:
    """A valid domain value with one field replaced by a hostile one, made by ``attrs.evolve`` when called."""

    base: Any
    field: str
    value: hostile.Hostile

    def make(self) -> object:
        return attrs.evolve(self.base, **{self.field: self.value.make()})


def _make(value: object) -> Any:
    if isinstance(value, Nested):
        return value.make()
    if isinstance(value, list) and any(isinstance(v, Nested) for v in value):
        return [_make(v) for v in value]
    return hostile.make(value)


def _hostile_for(kind: str, current: object) -> st.SearchStrategy[hostile.Hostile]:
    strategies: dict[str, Callable[[], st.SearchStrategy[hostile.Hostile]]] = {
        "long_digits": hostile.long_digits,
        "huge_magnitudes": hostile.huge_magnitudes,
        "year_edges": lambda: hostile.year_edges(current),
        "bad_repr": lambda: hostile.bad_repr(current),
        "endless": lambda: hostile.endless(current),
        "currency_mismatch": lambda: hostile.currency_mismatch(current, OTHER_CURRENCY),
        "non_date_holidays": hostile.non_date_holidays,
    }
    return strategies[kind]()


def currencies_in(value: object, depth: int = 0) -> set[str]:
    """The currencies of the amounts (and currency codes) a value holds, a few levels deep."""
    if depth > 4 or isinstance(value, (hostile.Hostile, hostile.Endless)):
        return set()
    if isinstance(value, Money):
        return {value.currency}
    if isinstance(value, Nested):  # the base's other fields, and the value that replaces one
        kept = [
            getattr(value.base, f.name) for f in fields_of(value.base) if f.init and f.alias != value.field
        ]
        return currencies_in(kept, depth + 1) | currencies_in(value.value.make(), depth + 1)
    if isinstance(value, abc.Mapping):
        value = list(value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return set().union(*(currencies_in(v, depth + 1) for v in list(value)[:20]))
    if fields_of(value):
        found: set[str] = set()
        for field in fields_of(value):
            item = getattr(value, field.name)
            if field.name == "currency" and isinstance(item, str):
                found.add(item)
            elif not isinstance(item, (str, int, dt.date)):
                found |= currencies_in(item, depth + 1)
        return found
    return set()


def _mismatch_currencies(arguments: list[object], target: Target, victim: object) -> set[str]:
    found = set().union(*(currencies_in(a) for a in arguments))
    moved = victim.value if isinstance(victim, Nested) else victim
    if isinstance(moved, hostile.Hostile) and moved.kind == "currency_mismatch":
        found |= currencies_in(moved.make())
    if target.name == "currency" and isinstance(moved, hostile.Hostile):
        found.add(OTHER_CURRENCY)
    return found


@attrs.frozen
class Call:
    """One drawn call: positional and keyword arguments (recipes), and where the hostile value went."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    target: Target
    victim: Any


@st.composite
def calls(draw: st.DrawFn, func: Callable[..., Any], kind: str) -> Call:
    """A call of ``func`` with plausible arguments and one hostile value of class ``kind``."""
    target = draw(st.sampled_from(targets(func, kind)), label="target")
    cls = _constructed(func)
    if cls is not None:  # a domain value's constructor: a valid value, one field replaced
        base = draw(DOMAIN[cls], label="valid value")
        current = getattr(base, next(a for a, alias, _ in init_fields(cls) if alias == target.field))
        nested = Nested(
            base, typing.cast("str", target.field), draw(_hostile_for(kind, current), label="hostile")
        )
        return Call((), {}, target, nested)
    resolved = hints(func)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    victim: Any = None
    for parameter in parameters(func):
        annotation = resolved.get(parameter.name)
        if parameter.name == target.parameter:
            value: Any = draw(plausible(annotation, parameter.name), label=f"plausible {parameter.name}")
            if target.field is None:
                value = draw(_hostile_for(kind, value), label=parameter.name)
            else:
                inner = domain_class(annotation) or domain_class(item_annotation(annotation))
                assert inner is not None
                base = draw(DOMAIN[inner], label=f"valid {parameter.name}")
                attribute = next(a for a, alias, _ in init_fields(inner) if alias == target.field)
                nested = Nested(
                    base, target.field, draw(_hostile_for(kind, getattr(base, attribute)), label="hostile")
                )
                value = [nested] if domain_class(annotation) is None else nested
            victim = value
        elif parameter.default is not inspect.Parameter.empty and not draw(
            st.booleans(), label=f"give {parameter.name}"
        ):
            continue
        else:
            value = draw(plausible(annotation, parameter.name), label=parameter.name)
        if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[parameter.name] = value
    return Call(tuple(args), kwargs, target, victim)


def _check_message(error: CspError) -> None:
    """Building the error's message (str, repr, field) never fails."""
    assert isinstance(str(error), str)
    assert isinstance(repr(error), str)
    if isinstance(error, InvalidInput):
        assert isinstance(error.field, str)
        assert error.field


def _run(func: Callable[..., Any], call: Call) -> tuple[str, object]:
    """Run the call within the time budget.

    Returns ``("returned", result)``, ``("lazy", its first items)`` or ``("refused", error)``.
    """
    with hostile.time_budget() as elapsed:
        try:
            if call.target.parameter is None:
                result = call.victim.make()
            else:
                result = func(*[_make(a) for a in call.args], **{k: _make(v) for k, v in call.kwargs.items()})
            lazy = isinstance(result, abc.Iterator)
            if lazy:  # a lazy result: its first items must come out cleanly too
                result = list(zip(range(5), result, strict=False))
        except CspError as error:
            _check_message(error)
            outcome: tuple[str, object] = ("refused", error)
        else:
            outcome = ("lazy" if lazy else "returned", result)
    if elapsed[0] > hostile.TIME_BUDGET:
        raise hostile.OvertimeError(f"took {elapsed[0]:.1f} s")
    return outcome


def _currency_problem(name: str, call: Call, outcome: str, result: object) -> str | None:
    """Amounts in two currencies must be refused, with a CurrencyMismatch when the refusal is about them."""
    arguments = [*call.args, *call.kwargs.values()]
    if name in MIXED_CURRENCIES or len(_mismatch_currencies(arguments, call.target, call.victim)) < 2:
        return None
    if (name, call.target.path) in DEFAULT_CURRENCIES:
        return None
    if outcome != "refused":
        return "accepted amounts in two currencies"
    about_currency = isinstance(result, InvalidInput) and "currenc" in result.problem
    if about_currency and not isinstance(result, CurrencyMismatch):
        return f"refused two currencies with {type(result).__name__}, not CurrencyMismatch"
    return None


def _wrong_result(name: str, kind: str, call: Call, *, outcome: str, result: object) -> str | None:
    """Why a clean outcome is still a silent wrong result for this class, or None."""
    if kind == "currency_mismatch":
        return _currency_problem(name, call, outcome, result)
    if outcome != "returned":
        return None
    if kind == "non_date_holidays":
        return "accepted holidays that are not dates"
    if kind == "endless":
        return _kept_or_cut_short(result)
    annotation = call.target.annotation
    numeric = annotation not in {None, object, Any} and hostile.is_number_like(annotation)
    if kind in {"long_digits", "huge_magnitudes"} and numeric and (name, kind) not in WIDER_DIGITS:
        return "accepted a number past the bounds (50 digits, 10**30)"
    return None


def _kept_or_cut_short(result: object) -> str | None:
    """Whether a result returned from an endless iterable took some of it (and so cut it short) or kept it."""
    if any(source.taken for source in hostile.Endless.made):
        return "returned a result from an endless iterable (cut it short)"
    if any(getattr(result, f.name) is source for f in fields_of(result) for source in hostile.Endless.made):
        return "kept an endless iterator in its result"
    return None


#: Each test function's own Hypothesis settings, as decorated (see the fixture below).
_DECORATED: dict[object, object] = {}


@pytest.fixture(autouse=True)
def _settings_not_nested(request: pytest.FixtureRequest) -> None:
    """Give every parametrized case its test's settings as decorated, not nested in the previous case's.

    Hypothesis's pytest plugin (6.170) wraps a parametrized test's settings in a new settings object for
    each case it runs (to turn one health check off), so the thousand cases of the hostile-input test
    would nest a thousand deep and exhaust the interpreter's recursion limit when read. The settings
    read are the same; only the nesting is undone.
    """
    test = request.function
    decorated = _DECORATED.setdefault(test, getattr(test, "_hypothesis_internal_use_settings", None))
    if decorated is not None:
        test._hypothesis_internal_use_settings = decorated  # Hypothesis's own attribute


@pytest.fixture(scope="module", autouse=True)
def _counts() -> Iterator[None]:
    yield
    hostile.write_counts()


@pytest.mark.parametrize(("name", "func", "kind"), CASES, ids=[f"{name}-{kind}" for name, _, kind in CASES])
@settings(
    max_examples=8,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_hostile_input_is_refused_cleanly_in_time(
    name: str, func: Callable[..., Any], kind: str, data: st.DataObject
) -> None:
    call = data.draw(calls(func, kind), label="call")
    hostile.Endless.made.clear()
    event(kind)
    escaped: str | None = None
    try:
        with _streaming_bound(name, kind):
            outcome, result = _run(func, call)
    except (Exception, hostile.OvertimeError, hostile.RunawayError, MemoryError) as error:  # noqa: BLE001 - what the test is after
        escaped = f"let out {hostile.describe(error)} {hostile.where(error)}"
        hostile.FAILURES.add((name, call.target.path, kind, type(error).__name__))
    if escaped is not None:  # failed outside the handler: an alarm's traceback can break pytest's report
        hostile.record(kind, "failed")
        pytest.fail(f"{name}({call.target.path}=<{kind}>) {escaped}")
    why = _wrong_result(name, kind, call, outcome=outcome, result=result)
    hostile.record(kind, "failed" if why else outcome)
    if why:
        hostile.FAILURES.add((name, call.target.path, kind, why))
        pytest.fail(f"{name}({call.target.path}=<{kind}>): {why}")


# -- targeted: no wrong result ---------------------------------------------------------------------

LEDGER_READS: tuple[tuple[str, Callable[..., object]], ...] = (
    ("balance", balance),
    ("settle", settle),
    ("account_credit", account_credit),
    ("microsoft_standing", microsoft_standing),
    ("aging", aging),
)


@pytest.mark.parametrize("read", [read for _, read in LEDGER_READS], ids=[name for name, _ in LEDGER_READS])
@settings(max_examples=40, deadline=None)
@given(ledger=DOMAIN[Ledger], as_of=st.dates(dt.date(2023, 11, 1), dt.date(2025, 6, 30)))
def test_a_ledger_asked_for_another_currency_never_answers(
    read: Callable[..., object], ledger: Ledger, as_of: dt.date
) -> None:
    assume(ledger.invoices or ledger.payments or ledger.credit_notes)
    hostile.record("currency_mismatch", "targeted")
    with pytest.raises(CurrencyMismatch) as caught:
        read(ledger, as_of=as_of, currency=OTHER_CURRENCY)
    assert caught.value.field == "currency"


@settings(max_examples=40, deadline=None)
@given(policy=DOMAIN[CollectionsPolicy], ledger=DOMAIN[Ledger])
def test_a_policy_asked_for_another_currency_never_answers(policy: CollectionsPolicy, ledger: Ledger) -> None:
    assume(ledger.invoices or ledger.payments or ledger.credit_notes)
    hostile.record("currency_mismatch", "targeted")
    with pytest.raises(CurrencyMismatch):
        evaluate(policy, ledger, as_of=dt.date(2024, 6, 1), currency=OTHER_CURRENCY)


@settings(max_examples=60, deadline=None)
@given(
    amounts=st.lists(DOMAIN[Money], min_size=1, max_size=4),
    foreign=st.sampled_from([OTHER_CURRENCY, "CZK", "JPY", "KWD"]),
    where=st.integers(0, 4),
)
def test_money_of_two_currencies_is_always_a_currency_mismatch(
    amounts: list[Money], foreign: str, where: int
) -> None:
    from cspcore.billing import credit_check

    mixed = [*amounts]
    mixed.insert(where % (len(mixed) + 1), Money(1, foreign))
    hostile.record("currency_mismatch", "targeted")
    with pytest.raises(CurrencyMismatch):
        total(mixed)
    with pytest.raises(CurrencyMismatch):
        credit_check(limit=amounts[0], incoming_purchase=Money(1, foreign))
    with pytest.raises(CurrencyMismatch):
        amounts[0] + Money(1, foreign)


def _open_day(hours: BusinessHours, start: dt.date) -> dt.date:
    return next(
        start + dt.timedelta(days=n)
        for n in range(7)
        if hours.weekly[(start + dt.timedelta(days=n)).weekday()]
    )


@settings(max_examples=60, deadline=None)
@given(
    hours=business_hours(with_holidays=False),
    start=st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 1)),
    spelling=st.sampled_from(["iso", "ordinal", "yyyymmdd", "datetime"]),
)
def test_business_hours_never_silently_ignore_holidays_that_are_not_dates(
    hours: BusinessHours, start: dt.date, spelling: str
) -> None:
    day = _open_day(hours, start)
    written: dict[str, Any] = {
        "iso": day.isoformat(),
        "ordinal": day.toordinal(),
        "yyyymmdd": int(day.strftime("%Y%m%d")),
        "datetime": dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC),
    }
    hostile.record("non_date_holidays", "targeted")
    try:
        closed = BusinessHours(
            tz=hours.tz, weekly=dict(enumerate(hours.weekly)), holidays=[written[spelling]]
        )
    except InvalidInput as error:
        refused: str | None = error.field
    else:
        refused = None
    if refused is not None:
        assert refused == "holidays"
        return
    assert closed.ranges_on(day) == (), f"holiday {written[spelling]!r} was ignored: {closed.ranges_on(day)}"
