"""The outcome of a reconciliation: :class:`ReconciliationReport` and its :class:`Mismatch` values.

:func:`~cspcore.interop.reconcile` builds the report (:mod:`cspcore.interop.reconcile`).

.. versionadded:: 0.1.0
   In :mod:`cspcore.interop.partner_center`, which still re-exports every name.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from cspcore import _validate
from cspcore._deprecated import warn_renamed
from cspcore._trusted import trusted_constructor
from cspcore.billing.charges import ChargeLine
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.interop._lines import with_reference
from cspcore.interop._rules import OneCurrency, lines_currency, plain, read_tolerance
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Mismatch", "ReconciliationReport"]

_RECON_DOC: Final = "modern-invoice-reconciliation-file.md"


@attrs.frozen(kw_only=True)
class Mismatch:
    """A pair of lines that identify the same charge but disagree on one field.

    Args:
        expected: The line you expected (your own rating).
        actual: The line Microsoft billed.
        field: The ChargeLine field that differs (``subtotal``, ``effective_unit_price``...).
        difference: ``actual − expected`` for amounts; ``None`` for a field that is not an amount.
            :func:`reconcile` reports no currency difference: it refuses lines in two currencies.
    """

    expected: ChargeLine = attrs.field(validator=_validate.attrs_instance_of(ChargeLine))
    actual: ChargeLine = attrs.field(validator=_validate.attrs_instance_of(ChargeLine))
    field: str = attrs.field(validator=_validate.attrs_instance_of(str))
    difference: Money | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_instance_of(Money))
    )

    @property
    def reason(self) -> Reason:
        """The mismatch as a renderable reason.

        >>> import datetime as dt
        >>> from cspcore import Money
        >>> line = ChargeLine(
        ...     order_date=dt.date(2024, 1, 1),
        ...     charge_type="new",
        ...     product="P",
        ...     subscription_id="s",
        ...     unit_price=Money(1, "EUR"),
        ...     effective_unit_price=Money(1, "EUR"),
        ...     quantity=1,
        ...     subtotal=Money(1, "EUR"),
        ...     charge_start=dt.date(2024, 1, 1),
        ...     charge_end=dt.date(2024, 1, 31),
        ... )
        >>> Mismatch(
        ...     expected=line, actual=line, field="subtotal", difference=Money("0.01", "EUR")
        ... ).reason.code
        'interop.reconcile.mismatched'
        """
        return Reason(
            code="interop.reconcile.mismatched",
            params={
                "subscription": self.expected.subscription_id,
                "charge_type": self.expected.charge_type.value,
                "field": _FIELD_LABELS.get(self.field, self.field),
                "expected": _field_value(self.expected, self.field),
                "actual": _field_value(self.actual, self.field),
            },
            source=Source(document=_RECON_DOC, section="Subtotal"),
        )


#: Microsoft's column name for each compared field, as partners know them from the file.
_FIELD_LABELS: Final = {
    "unit_price": "UnitPrice",
    "effective_unit_price": "EffectiveUnitPrice",
    "subtotal": "Subtotal",
    "tax": "TaxTotal",
    "total": "Total",
    "currency": "Currency",
}


def _field_value(line: ChargeLine, field: str) -> Money | str:
    """Amounts at the minor unit are shown as money in the locale; finer prices keep every digit."""
    value = getattr(line, field)
    if isinstance(value, Money):
        return value if value.is_rounded() else _field_text(value)
    return str(value)


def _field_text(money: Money) -> str:
    return f"{plain(money.amount)} {money.currency}"


class _BilledLines:
    """The billed lines of a report's matched pairs, kept compactly (internal).

    A month can pair a million lines. A billed line equal to its expected line (``==``, ChargeLine's
    value equality, for which ``Money("12", "EUR")`` equals ``Money("12.00", "EUR")``) is not kept a
    second time: the expected line stands for it. One that differs from it only in its reference id
    keeps only that id; any other billed line is kept whole. The lines are rebuilt when first asked
    for, then kept. Each rebuilt line equals the billed line it stands for.
    """

    __slots__ = ("_expected", "_kept", "_lines")

    def __init__(
        self,
        expected: tuple[ChargeLine, ...],
        kept: list[ChargeLine | str | None],
        lines: tuple[ChargeLine, ...] | None = None,
    ) -> None:
        self._expected = expected
        self._kept = kept
        self._lines = lines

    @property
    def lines(self) -> tuple[ChargeLine, ...]:
        if self._lines is None:
            self._lines = tuple(
                line if kept is None else with_reference(line, kept) if isinstance(kept, str) else kept
                for line, kept in zip(self._expected, self._kept, strict=True)
            )
        return self._lines

    def __len__(self) -> int:
        return len(self._kept) if self._lines is None else len(self._lines)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _BilledLines) and self.lines == other.lines

    def __hash__(self) -> int:
        return hash(self.lines)


def _billed_lines(value: Iterable[ChargeLine] | _BilledLines) -> _BilledLines:
    if isinstance(value, _BilledLines):
        return value
    lines = _validate.items(value, "matched_actual")
    for index, line in enumerate(lines):
        if not isinstance(line, ChargeLine):
            raise InvalidInput(
                f"matched_actual[{index}]", "expected a ChargeLine", line, code=ErrorCode.WRONG_TYPE
            )
    return _BilledLines((), [], lines)


_NO_LINES: Final = _BilledLines((), [], ())


@attrs.frozen(kw_only=True, repr=False)
class ReconciliationReport:
    """The outcome of :func:`reconcile`.

    Args:
        matched_expected: The expected lines that were billed as expected, in billing order.
        matched_actual: The billed lines they paired with, in the same order.
        missing: Expected lines that Microsoft did not bill.
        unexpected: Billed lines that were not expected.
        mismatched: One :class:`Mismatch` per differing field of a paired charge.
        tolerance: The largest absolute difference accepted per amount.

    A reconciliation is of one currency: a line in another currency than the first raises
    :class:`~cspcore.errors.CurrencyMismatch` naming it (``missing[0].currency``).

    The pairs are kept as two parallel sequences (a month can hold a million of them) and offered as
    :attr:`matched`. A billed line equal to its expected line (``==``) is represented by the expected
    line, and one that differs only in its reference id by the expected line and that id, so a clean
    month costs a pointer or two per pair rather than a second copy of the month. Every line of
    :attr:`matched_actual` equals the billed line it stands for.
    """

    matched_expected: tuple[ChargeLine, ...] = attrs.field(
        default=(), validator=_validate.attrs_items_of(tuple, ChargeLine)
    )
    _matched_actual: _BilledLines = attrs.field(default=_NO_LINES, converter=_billed_lines)
    missing: tuple[ChargeLine, ...] = attrs.field(
        default=(), validator=_validate.attrs_items_of(tuple, ChargeLine)
    )
    unexpected: tuple[ChargeLine, ...] = attrs.field(
        default=(), validator=_validate.attrs_items_of(tuple, ChargeLine)
    )
    mismatched: tuple[Mismatch, ...] = attrs.field(
        default=(), validator=_validate.attrs_items_of(tuple, Mismatch)
    )
    tolerance: Decimal = attrs.field(default=Decimal(0), validator=_validate.attrs_validator(read_tolerance))

    def __attrs_post_init__(self) -> None:
        if len(self.matched_expected) != len(self._matched_actual):
            raise InvalidInput(
                "matched_actual",
                "must pair one to one with matched_expected",
                len(self._matched_actual),
                code=ErrorCode.INCONSISTENT,
            )
        seen = OneCurrency()
        for name in ("matched_expected", "matched_actual", "missing", "unexpected"):
            lines_currency(seen, getattr(self, name), name)
        for index, mismatch in enumerate(self.mismatched):
            lines_currency(seen, (mismatch.expected, mismatch.actual), f"mismatched[{index}]")

    def __repr__(self) -> str:
        names = ("matched_expected", "matched_actual", "missing", "unexpected", "mismatched", "tolerance")
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"ReconciliationReport({shown})"

    @property
    def matched_actual(self) -> tuple[ChargeLine, ...]:
        """The billed lines of the matched pairs, in the order of :attr:`matched_expected`."""
        return self._matched_actual.lines

    @property
    def matched(self) -> tuple[tuple[ChargeLine, ChargeLine], ...]:
        """``(expected, actual)`` pairs that agree within the tolerance."""
        return tuple(zip(self.matched_expected, self.matched_actual, strict=True))

    @property
    def is_clean(self) -> bool:
        """``True`` when every expected line was billed as expected and nothing else was billed.

        .. versionadded:: 0.2.0
            The name of what was ``ok`` (which still works, with a deprecation warning, until 0.3.0).
        """
        return not (self.missing or self.unexpected or self.mismatched)

    @property
    def ok(self) -> bool:
        """Deprecated name of :attr:`is_clean`."""
        warn_renamed("ReconciliationReport.ok", "ReconciliationReport.is_clean")
        return self.is_clean

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the reconciliation is or is not clean, renderable in every supported locale."""
        source = Source(document=_RECON_DOC)
        if self.is_clean:
            return (
                Reason(
                    code="interop.reconcile.ok", params={"count": len(self.matched_expected)}, source=source
                ),
            )
        found: list[Reason] = [
            Reason(
                code="interop.reconcile.missing",
                params={
                    "subscription": line.subscription_id,
                    "charge_type": line.charge_type.value,
                    "amount": line.total,
                },
                source=source,
            )
            for line in self.missing
        ]
        found.extend(
            Reason(
                code="interop.reconcile.unexpected",
                params={
                    "subscription": line.subscription_id,
                    "charge_type": line.charge_type.value,
                    "amount": line.total,
                },
                source=source,
            )
            for line in self.unexpected
        )
        found.extend(mismatch.reason for mismatch in self.mismatched)
        return tuple(found)


#: ReconciliationReport's trusted constructor, generated from its fields (every one by keyword).
_report_of: Final = trusted_constructor(ReconciliationReport, keyword_only=True)


def trusted_report(  # noqa: PLR0917 - one argument per field
    matched_expected: tuple[ChargeLine, ...],
    kept: list[ChargeLine | str | None],
    missing: tuple[ChargeLine, ...],
    unexpected: tuple[ChargeLine, ...],
    mismatched: tuple[Mismatch, ...],
    tolerance: Decimal,
) -> ReconciliationReport:
    """A report from what :func:`~cspcore.interop.reconcile` built and checked itself (no re-check).

    ``kept`` says, for each matched pair, what is kept of the billed line (see ``_BilledLines``).
    """
    report: ReconciliationReport = _report_of(
        matched_expected=matched_expected,
        _matched_actual=_BilledLines(matched_expected, kept),
        missing=missing,
        unexpected=unexpected,
        mismatched=mismatched,
        tolerance=tolerance,
    )
    return report
