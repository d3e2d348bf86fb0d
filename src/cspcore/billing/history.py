"""A subscription's history as plain data: what ``cspcore rate FILE.toml`` reads.

:func:`history_from_dict` turns an already-decoded mapping (from TOML, JSON or a notebook) into a
:class:`~cspcore.billing.Subscription`, its events and the date to rate through. It reads no file;
the command line does that. Every refusal names the path of the bad value (``events[1].quantity``).

The shape, in TOML::

    through = 2025-06-17            # rate up to and including this day
    rounding = "unit_price_first"   # or "line_total"

    [subscription]
    id = "sub-1"
    product = "Microsoft 365 Business Standard"
    start = 2024-06-18
    term = "P1Y"
    frequency = "monthly"
    quantity = 10
    unit_price = "10.08"            # a string, so that no float is involved
    currency = "EUR"

    paid_unit_price = "12.50"       # a trial's paid price, read in ``currency`` (optional)

    [[events]]
    kind = "change_quantity"        # see the kinds below
    on = 2024-06-20
    quantity = 12
    subscription = "sub-1"          # optional: the subscription the event acts on

Each event table has a ``kind`` and the fields of its event class, by name: ``change_quantity``
(:class:`~cspcore.billing.ChangeQuantity`), ``cancel`` (``at``, an instant), ``upgrade``,
``change_billing_plan``, ``convert_trial``, ``price_change``, and the lifecycle events
``complete_renewal`` (``on``, ``at``), ``set_auto_renew`` (``on``, ``enabled``), ``suspend`` (``at``),
``reactivate`` (``at``), ``schedule_change`` (``on`` and any of ``quantity``, ``term`` with
``frequency``, ``product``, ``unit_price``, ``end``) and ``cancel_scheduled_change`` (``on``).
Every event may name its ``subscription`` (the file's one subscription, or a child a partial upgrade
created, ``<id>/upgrade/<day>``). Prices (``unit_price``, ``paid_unit_price``) are amounts in the
subscription's ``currency``; instants are TOML offset date-times. In JSON, which has no dates, dates and
instants are ISO text (``"2024-06-20"``, ``"2024-07-01T09:30:00Z"``).

:func:`history_schema` lists every table's keys, read from the classes the tables become; ``cspcore
rate --help`` and ``docs/cli.md`` print the reference from it.

>>> import datetime as dt
>>> subscription, events, through, rounding = history_from_dict(
...     {
...         "through": dt.date(2024, 7, 31),
...         "subscription": {
...             "id": "s",
...             "product": "E3",
...             "start": dt.date(2024, 6, 18),
...             "term": "P1Y",
...             "frequency": "monthly",
...             "quantity": 10,
...             "unit_price": "10.08",
...             "currency": "EUR",
...         },
...         "events": [{"kind": "change_quantity", "on": dt.date(2024, 6, 20), "quantity": 12}],
...     }
... )
>>> subscription.quantity, events[0].quantity, through, rounding.name
(10, 12, datetime.date(2024, 7, 31), 'UNIT_PRICE_FIRST')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _structure
from cspcore.billing.lifecycle_events import (
    CancelScheduledChange,
    CompleteRenewal,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Suspend,
)
from cspcore.billing.rating import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    PriceChange,
    ProrationRounding,
    Upgrade,
)
from cspcore.billing.subscription import Subscription
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from cspcore.billing._rater import AnyEvent

__all__ = ["EVENT_KINDS", "HistoryKey", "history_from_dict", "history_schema"]

#: Each kind of event, by the name a history file gives it (its ``kind``).
EVENT_KINDS: Final[Mapping[str, type[AnyEvent]]] = {
    "change_quantity": ChangeQuantity,
    "cancel": Cancel,
    "upgrade": Upgrade,
    "change_billing_plan": ChangeBillingPlan,
    "convert_trial": ConvertTrial,
    "price_change": PriceChange,
    "complete_renewal": CompleteRenewal,
    "set_auto_renew": SetAutoRenew,
    "suspend": Suspend,
    "reactivate": Reactivate,
    "schedule_change": ScheduleChange,
    "cancel_scheduled_change": CancelScheduledChange,
}
_EVENTS: Final = EVENT_KINDS


@attrs.frozen(kw_only=True)
class HistoryKey:
    """One key of a table in a history file, as :func:`history_schema` describes it.

    Args:
        name: The key.
        value: What it holds: ``date`` (``2024-06-18``), ``instant`` (an offset date-time,
            ``2024-07-01T09:30:00Z``), ``amount`` (a decimal string in the subscription's
            currency, ``"10.08"``), ``integer``, ``text``, ``boolean``, ``term`` (``P1M``, ``P1Y``,
            ``P3Y``), ``frequency`` (``monthly``, ``annual``, ...), ``family``, ``currency`` (ISO
            4217, ``EUR``) or ``rounding`` (``unit_price_first``, ``line_total``).
        required: Whether the table must have it.
        example: A value for it, written as TOML writes it.
        in_example: Whether the example of its table shows it: every required key, and the optional
            ones a valid table of its kind needs one of (a trial's conversion needs a price or a target).
    """

    name: str
    value: str
    required: bool
    example: str
    in_example: bool = False


#: The kind of value of a field, by its annotation (``| None`` left out); a new annotation must be added here.
_VALUES: Final = {
    "dt.date": "date",
    "dt.datetime": "instant",
    "Money": "amount",
    "int": "integer",
    "str": "text",
    "bool": "boolean",
    "Term": "term",
    "BillingFrequency": "frequency",
    "ProductFamily": "family",
}
#: An example of each kind of value, as TOML writes it.
_EXAMPLES: Final = {
    "date": "2024-07-01",
    "instant": "2024-07-01T09:30:00Z",
    "amount": '"10.08"',
    "integer": "12",
    "text": '"sub-1"',
    "boolean": "true",
    "term": '"P1Y"',
    "frequency": '"monthly"',
    "family": '"license_based"',
    "currency": '"EUR"',
    "rounding": '"unit_price_first"',
}
#: Better examples for some keys than their kind's.
_KEY_EXAMPLES: Final = {
    "product": '"Microsoft 365 Business Standard"',
    "start": "2024-06-18",
    "quantity": "10",
    "through": "2025-06-17",
}


#: The optional keys that a valid example of an event needs (one of a choice of them).
_EXAMPLE_EXTRAS: Final = {"convert_trial": ("unit_price",), "schedule_change": ("quantity",)}


def _key(name: str, value: str, *, required: bool, shown: bool = False) -> HistoryKey:
    example = _KEY_EXAMPLES.get(name, _EXAMPLES[value])
    return HistoryKey(
        name=name, value=value, required=required, example=example, in_example=required or shown
    )


def _keys(cls: type[Any], *extra: HistoryKey, kind: str = "") -> tuple[HistoryKey, ...]:
    return (
        *(
            _key(
                field.name,
                _VALUES[str(field.type).removesuffix(" | None")],
                required=field.default is attrs.NOTHING,
                shown=field.name in _EXAMPLE_EXTRAS.get(kind, ()),
            )
            for field in attrs.fields(cls)
            if field.init
        ),
        *extra,
    )


def history_schema() -> dict[str, tuple[HistoryKey, ...]]:
    """The keys of each table of a history file, built from the classes the tables become.

    ``""`` is the top level, ``"subscription"`` the subscription's table, and each event kind
    (:data:`EVENT_KINDS`) the keys of an ``[[events]]`` table of that ``kind`` (besides ``kind``).
    ``cspcore rate --help`` and the reference in ``docs/cli.md`` are written from it.

    >>> schema = history_schema()
    >>> [(key.name, key.value, key.required) for key in schema["change_quantity"]]
    [('on', 'date', True), ('quantity', 'integer', True), ('subscription', 'text', False)]
    >>> [key.name for key in schema[""]]
    ['through', 'rounding', 'subscription', 'events']
    """
    top = (
        _key("through", "date", required=True),
        _key("rounding", "rounding", required=False),
        HistoryKey(
            name="subscription", value="table", required=True, example="[subscription]", in_example=True
        ),
        HistoryKey(name="events", value="tables", required=False, example="[[events]]", in_example=True),
    )
    return {
        "": top,
        "subscription": _keys(Subscription, _key("currency", "currency", required=True)),
        **{kind: _keys(cls, kind=kind) for kind, cls in EVENT_KINDS.items()},
    }


#: How each kind of value is read: dates and instants also as ISO text, so that JSON files can hold them.
_HOOKS: Final[Mapping[str, _structure.Hook]] = {
    "date": _structure.ISO_DATE,
    "instant": _structure.ISO_DATETIME,
    "amount": _structure.AMOUNT,
}


def _price_keywords(cls: type[Any], *, extra: Sequence[str] = (), **more: _structure.Hook) -> _structure.Hook:
    """The keyword arguments of ``cls`` from a table: prices read as amounts, dates also from ISO text."""
    for field in attrs.fields(cls):
        hook = _HOOKS.get(_VALUES[str(field.type).removesuffix(" | None")])
        if field.init and hook is not None:
            more[field.name] = _structure.optional(hook) if str(field.type).endswith(" | None") else hook
    return _structure.keywords(cls, extra=extra, **more)


@attrs.frozen(kw_only=True)
class _History:
    """A history file as read: the subscription and the events as keyword arguments, prices as amounts."""

    subscription: dict[str, Any]
    events: tuple[tuple[str, dict[str, Any]], ...] = ()
    through: dt.date
    rounding: ProrationRounding = ProrationRounding.UNIT_PRICE_FIRST


_HISTORY: Final = _structure.table(
    _History,
    subscription=_price_keywords(Subscription, extra=("currency",), currency=_structure.CURRENCY),
    events=_structure.items(
        _structure.tagged("kind", {kind: _price_keywords(cls) for kind, cls in _EVENTS.items()})
    ),
    through=_structure.ISO_DATE,
    rounding=_structure.enum(ProrationRounding),
)


def _priced(fields: dict[str, Any], currency: str) -> dict[str, Any]:
    """The fields with each price given (an amount) as money in ``currency``; an absent one stays absent."""
    prices = {
        name: Money(fields[name], currency)
        for name in ("unit_price", "paid_unit_price")
        if fields.get(name) is not None
    }
    return {**fields, **prices}


def history_from_dict(
    data: Mapping[str, Any],
) -> tuple[Subscription, tuple[AnyEvent, ...], dt.date, ProrationRounding]:
    """Build a subscription, its events, the ``through`` date and the rounding from plain data.

    Args:
        data: A mapping with ``subscription`` (a table), optional ``events`` (a list of tables, each
            with a ``kind``), ``through`` (a date) and optional ``rounding``.

    Returns:
        ``(subscription, events, through, rounding)``, ready for :func:`cspcore.billing.rate` or
        :func:`cspcore.billing.lifecycle`.

    Raises:
        InvalidInput: naming the path of the first bad value (``events[1].quantity``), with its code:
            ``missing`` for a missing key, ``unknown_value`` for an unknown key or event kind, else the
            code of the check that refused it.
    """
    history: _History = _structure.structure(data, _HISTORY, root="history")
    fields = dict(history.subscription)
    currency: str = fields.pop("currency")
    with _structure.at("subscription"):
        subscription = Subscription(**_priced(fields, currency))
    events: list[AnyEvent] = []
    for index, (kind, event) in enumerate(history.events):
        with _structure.at(f"events[{index}]"):
            events.append(_EVENTS[kind](**_priced(event, currency)))
    return subscription, tuple(events), history.through, history.rounding
