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

    [[events]]
    kind = "change_quantity"        # change_quantity, cancel, upgrade, change_billing_plan,
    on = 2024-06-20                 # convert_trial, price_change
    quantity = 12

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

from typing import TYPE_CHECKING, Any

from cspcore import _plain, _validate
from cspcore.billing.rating import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    Event,
    PriceChange,
    ProrationRounding,
    Upgrade,
)
from cspcore.billing.subscription import Subscription
from cspcore.errors import InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

__all__ = ["history_from_dict"]

_SUBSCRIPTION_FIELDS = {"id", "product", "start", "term", "frequency", "quantity", "unit_price", "currency",
                        "purchased_at", "end", "trial", "auto_renew", "max_quantity"}  # fmt: skip
_EVENTS: dict[str, tuple[type[Any], frozenset[str]]] = {
    "change_quantity": (ChangeQuantity, frozenset({"on", "quantity"})),
    "cancel": (Cancel, frozenset({"at"})),
    "upgrade": (
        Upgrade,
        frozenset(
            {
                "on",
                "product",
                "unit_price",
                "quantity",
                "term",
                "frequency",
                "subscription_id",
                "into_existing",
            }
        ),
    ),
    "change_billing_plan": (ChangeBillingPlan, frozenset({"on", "frequency", "unit_price"})),
    "convert_trial": (ConvertTrial, frozenset({"on", "unit_price", "term", "frequency", "quantity"})),
    "price_change": (PriceChange, frozenset({"on", "unit_price"})),
}


def _price(fields: dict[str, Any], currency: str, path: str) -> None:
    if "unit_price" in fields:
        try:
            fields["unit_price"] = Money(fields["unit_price"], currency)
        except InvalidInput as error:
            raise InvalidInput(f"{path}.unit_price", error.problem, error.value) from None


def history_from_dict(
    data: Mapping[str, Any],
) -> tuple[Subscription, tuple[Event, ...], dt.date, ProrationRounding]:
    """Build a subscription, its events, the ``through`` date and the rounding from plain data.

    Args:
        data: A mapping with ``subscription`` (a table), optional ``events`` (a list of tables, each
            with a ``kind``), ``through`` (a date) and optional ``rounding``.

    Returns:
        ``(subscription, events, through, rounding)``, ready for :func:`cspcore.billing.rate`.

    Raises:
        InvalidInput: naming the path of the first bad value.
    """
    root = _plain.table(data, "history")
    _plain.only_keys(root, {"subscription", "events", "through", "rounding"}, "history")
    table = dict(_plain.table(root.get("subscription"), "subscription"))
    _plain.only_keys(table, _SUBSCRIPTION_FIELDS, "subscription")
    currency = _validate.text(table.pop("currency", None), "subscription.currency")
    _price(table, currency, "subscription")
    subscription: Subscription = _plain.build("subscription", Subscription, table)
    events: list[Event] = []
    raw_events = root.get("events", [])
    if not isinstance(raw_events, list):
        raise InvalidInput("events", "expected a list of tables", raw_events)
    for index, raw in enumerate(raw_events):
        path = f"events[{index}]"
        fields = dict(_plain.table(raw, path))
        kind = fields.pop("kind", None)
        if not isinstance(kind, str) or kind not in _EVENTS:
            raise InvalidInput(f"{path}.kind", f"expected one of {', '.join(_EVENTS)}", kind)
        factory, allowed = _EVENTS[kind]
        _plain.only_keys(fields, allowed, path)
        _price(fields, currency, path)
        events.append(_plain.build(path, factory, fields))
    through = _validate.date(root.get("through"), "through")
    rounding = _validate.enum_member(ProrationRounding, root.get("rounding", "unit_price_first"), "rounding")
    return subscription, tuple(events), through, rounding
