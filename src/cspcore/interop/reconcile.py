"""Reconciliation: the charges you expected against the charges Microsoft billed.

:func:`reconcile` pairs the lines (:mod:`cspcore.interop._pairing`) and returns a
:class:`~cspcore.interop.reconciliation.ReconciliationReport`.

Source: ``modern-invoice-reconciliation-file.md``.

.. versionadded:: 0.1.0
   In :mod:`cspcore.interop.partner_center`, which still re-exports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspcore.interop._fastcsv import ReconRows
from cspcore.interop._pairing import Pairing, index
from cspcore.interop._rules import OneCurrency, charge_lines, read_tolerance

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

    from cspcore.billing.charges import ChargeLine
    from cspcore.interop.reconciliation import ReconciliationReport

__all__ = ["reconcile"]


def reconcile(
    expected: Iterable[ChargeLine],
    actual: Iterable[ChargeLine],
    *,
    tolerance: Decimal | int | str = 0,
) -> ReconciliationReport:
    """Compare the charges you expected with the charges Microsoft billed.

    Lines are paired on what identifies a charge: subscription, charge type, charge start and end
    dates, quantity and sign (a refund never pairs with a charge). Microsoft's reference ids, order
    ids and product spellings are not used to pair. Paired lines are compared on unit price,
    effective unit price, subtotal, tax and total. The effective unit price that
    Microsoft's files show rounded for display (``-11.23`` for ``-11.2258…``) is not a difference
    (``modern-invoice-reconciliation-file.md``, EffectiveUnitPrice). When several lines share a key,
    the first pending line with equal figures is preferred, then the first that differs only by a
    price shown rounded, then (with a tolerance) the first within it among the next 64, then the
    first in order. Each billed line is paired in constant time however many lines share its key.

    ``expected`` is indexed in memory; ``actual`` is streamed, so it may be a generator such as
    :func:`iter_recon_rows` over an open file.

    Args:
        expected: Your lines (from cspcore's rating or your own records).
        actual: Microsoft's lines (from the reconciliation file or the line-items API).
        tolerance: The largest absolute difference per amount that still counts as equal; zero (exact
            to the cent and beyond) by default.

    Returns:
        A :class:`ReconciliationReport`; ``report.is_clean`` when everything agrees.

    Raises:
        InvalidInput: for a negative, float or non-numeric tolerance, an item that is not a ChargeLine,
            or more than :data:`~cspcore.interop._rules.MAX_LINES` (10**8) lines in ``expected`` or
            ``actual`` (an endless iterable).
        CurrencyMismatch: for a line in another currency than the first expected (or billed) line's,
            naming it (``actual[4].currency``): one reconciliation is of one invoice's billing currency.

    >>> import datetime as dt
    >>> import attrs
    >>> from cspcore import Money
    >>> from cspcore.billing import ChargeLine
    >>> mine = ChargeLine(
    ...     order_date=dt.date(2022, 3, 7),
    ...     charge_type="addQuantity",
    ...     product="M365 BS",
    ...     subscription_id="s1",
    ...     unit_price=Money(12, "EUR"),
    ...     effective_unit_price=Money("11.2258064516", "EUR"),
    ...     quantity=15,
    ...     subtotal=Money("168.38", "EUR"),
    ...     charge_start=dt.date(2022, 3, 7),
    ...     charge_end=dt.date(2022, 4, 4),
    ... )
    >>> theirs = attrs.evolve(mine, effective_unit_price=Money("11.23", "EUR"), reference_id="12d33e18")
    >>> reconcile([mine], [theirs]).is_clean
    True
    >>> report = reconcile(
    ...     [mine], [attrs.evolve(theirs, subtotal=Money("168.39", "EUR"), total=Money("168.39", "EUR"))]
    ... )
    >>> [(m.field, m.difference) for m in report.mismatched]
    [('subtotal', Money('0.01', 'EUR')), ('total', Money('0.01', 'EUR'))]
    """
    limit = read_tolerance(tolerance, "tolerance")
    seen = OneCurrency()
    pairing = Pairing(index(charge_lines(expected, "expected", seen)), limit)
    rows = actual.raw() if type(actual) is ReconRows else None
    if rows is None:
        for line in charge_lines(actual, "actual", seen):
            pairing.pair(line)
    else:
        pairing.pair_rows(rows, seen)
    return pairing.report()
