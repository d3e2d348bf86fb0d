r"""What a reconciliation of files found: a summary per partition, their sum, and a tally that holds no line.

A :class:`ReconciliationSummary` keeps the counts and totals of the matched lines and the missing,
unexpected and mismatched lines in full; :func:`combine` adds the summaries of a file's partitions
into the file's. A month whose differences themselves are too many to hold (ten million lines, a few
per cent of them differing) is read a partition at a time with
:func:`~cspcore.interop.recon_files.iter_reconcile_files`: each partition's differences are written
wherever the caller wants, and :func:`tally` (or :meth:`ReconciliationTally.add`) keeps only the
counts and totals, so memory stays that of one partition.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from cspcore import _validate
from cspcore._decimal import exact_sum
from cspcore.billing.charges import ChargeLine
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop._rules import read_tolerance
from cspcore.interop.reconciliation import Mismatch, ReconciliationReport
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ReconciliationSummary", "ReconciliationTally", "combine", "tally"]


def _money_or_none(value: object) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    raise InvalidInput("matched_total", "expected Money or None", value, code=ErrorCode.WRONG_TYPE)


@attrs.frozen(kw_only=True)
class ReconciliationSummary:
    """What :func:`reconcile_files` found: counts and totals of the matched lines, the rest in full.

    Args:
        expected_rows: The expected lines read.
        billed_rows: The billed lines read.
        matched: How many expected lines were billed as expected (``len(report.matched)``).
        matched_subtotal: The sum of the matched expected lines' subtotals (``None`` when no line
            was read, so no currency is known).
        matched_total: The same for their totals.
        missing: Expected lines that Microsoft did not bill.
        unexpected: Billed lines that were not expected.
        mismatched: One :class:`~cspcore.interop.Mismatch` per differing field of a paired charge.
        tolerance: The largest absolute difference accepted per amount.
        report: The whole :class:`~cspcore.interop.ReconciliationReport` when it was asked for
            (``keep_matched=True``), else ``None``.

    The lines of ``missing``, ``unexpected`` and ``mismatched`` are those
    :func:`~cspcore.interop.reconcile` reports on the whole files, listed partition by partition
    (within one partition, in reconcile's order).
    """

    expected_rows: int = attrs.field(validator=_validate.attrs_instance_of(int))
    billed_rows: int = attrs.field(validator=_validate.attrs_instance_of(int))
    matched: int = attrs.field(validator=_validate.attrs_instance_of(int))
    matched_subtotal: Money | None = attrs.field(converter=_money_or_none)
    matched_total: Money | None = attrs.field(converter=_money_or_none)
    missing: tuple[ChargeLine, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, ChargeLine))
    unexpected: tuple[ChargeLine, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, ChargeLine))
    mismatched: tuple[Mismatch, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Mismatch))
    tolerance: Decimal = attrs.field(validator=_validate.attrs_validator(read_tolerance))
    report: ReconciliationReport | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def currency(self) -> str | None:
        """The files' one currency (``None`` when they hold no line)."""
        return None if self.matched_total is None else self.matched_total.currency

    @property
    def is_clean(self) -> bool:
        """``True`` when every expected line was billed as expected and nothing else was billed."""
        return not (self.missing or self.unexpected or self.mismatched)


@attrs.frozen(kw_only=True)
class ReconciliationTally:
    """The counts and totals of a reconciliation, without its lines: what stays when they are written away.

    Args:
        partitions: How many partition summaries were added.
        expected_rows: The expected lines read.
        billed_rows: The billed lines read.
        matched: The expected lines billed as expected.
        missing: How many expected lines Microsoft did not bill.
        unexpected: How many billed lines were not expected.
        mismatched: How many differing fields of paired charges (one per :class:`~cspcore.interop.Mismatch`).
        matched_subtotal: The matched lines' subtotals added up (``None`` while no currency is known).
        matched_total: Their totals added up.
        tolerance: The tolerance every partition was reconciled with (``None`` before the first).

    >>> empty = ReconciliationTally()
    >>> empty.is_clean, empty.currency
    (True, None)
    """

    partitions: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    expected_rows: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    billed_rows: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    matched: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    missing: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    unexpected: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    mismatched: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    matched_subtotal: Money | None = attrs.field(default=None, converter=_money_or_none)
    matched_total: Money | None = attrs.field(default=None, converter=_money_or_none)
    tolerance: Decimal | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_validator(read_tolerance))
    )

    @property
    def currency(self) -> str | None:
        """The one currency of the lines added so far (``None`` while none was read)."""
        return None if self.matched_total is None else self.matched_total.currency

    @property
    def is_clean(self) -> bool:
        """``True`` when nothing was missing, unexpected or mismatched."""
        return not (self.missing or self.unexpected or self.mismatched)

    def add(self, summary: ReconciliationSummary) -> ReconciliationTally:
        """This tally with one more partition's ``summary`` added (its lines are not kept).

        Raises:
            CurrencyMismatch: when the partition is in another currency (``partitions[3].currency``).
            InvalidInput: for a value that is not a :class:`ReconciliationSummary` (code
                ``wrong_type``), or one reconciled with another tolerance (code ``inconsistent``).
        """
        position = self.partitions
        _validate.instance(summary, ReconciliationSummary, f"summaries[{position}]")
        if self.tolerance is not None and summary.tolerance != self.tolerance:
            raise InvalidInput(
                f"summaries[{position}].tolerance",
                "differs from the first partition's",
                summary.tolerance,
                code=ErrorCode.INCONSISTENT,
            )
        currency = self.currency
        if summary.currency is not None and currency is not None and summary.currency != currency:
            raise CurrencyMismatch(f"partitions[{position}].currency", currency, summary.currency)
        return ReconciliationTally(
            partitions=position + 1,
            expected_rows=self.expected_rows + summary.expected_rows,
            billed_rows=self.billed_rows + summary.billed_rows,
            matched=self.matched + summary.matched,
            missing=self.missing + len(summary.missing),
            unexpected=self.unexpected + len(summary.unexpected),
            mismatched=self.mismatched + len(summary.mismatched),
            matched_subtotal=_plus(self.matched_subtotal, summary.matched_subtotal),
            matched_total=_plus(self.matched_total, summary.matched_total),
            tolerance=summary.tolerance,
        )


def _plus(left: Money | None, right: Money | None) -> Money | None:
    """Two partitions' sums added exactly (their currency already checked to agree)."""
    if right is None:
        return left
    if left is None:  # summed from zero, as every total is (the same digits whatever the grouping)
        return Money(exact_sum((right.amount,)), right.currency)
    return Money(exact_sum((left.amount, right.amount)), left.currency)


def tally(summaries: Iterable[ReconciliationSummary]) -> ReconciliationTally:
    """The counts and totals of partition ``summaries``, read one at a time and none kept.

    Given :func:`~cspcore.interop.recon_files.iter_reconcile_files`, memory is one partition's
    whatever the files hold; the partition's differences can be written out in between.

    >>> summary = ReconciliationSummary(
    ...     expected_rows=2,
    ...     billed_rows=2,
    ...     matched=2,
    ...     matched_subtotal=Money("24", "EUR"),
    ...     matched_total=Money("24", "EUR"),
    ...     missing=(),
    ...     unexpected=(),
    ...     mismatched=(),
    ...     tolerance=Decimal(0),
    ... )
    >>> counted = tally([summary, summary])
    >>> counted.partitions, counted.matched, counted.matched_total, counted.is_clean
    (2, 4, Money('48', 'EUR'), True)
    """
    counted = ReconciliationTally()
    for summary in summaries:
        counted = counted.add(summary)
    return counted


def combine(summaries: Iterable[ReconciliationSummary]) -> ReconciliationSummary:
    """The summary of a whole reconciliation, from the summaries of its partitions (in partition order).

    Counts and totals add up (as :func:`tally` adds them); the lines are listed partition by
    partition. A whole report is kept only when every partition kept its own.

    Raises:
        CurrencyMismatch: when two partitions are in different currencies (``partitions[3].currency``).
        InvalidInput: for an item that is not a :class:`ReconciliationSummary`, or partitions
            reconciled with different tolerances (code ``inconsistent``).
    """
    parts = _validate.items(summaries, "summaries")
    counted = tally(parts)
    reports = [summary.report for summary in parts]
    whole: ReconciliationReport | None = None
    if parts and all(report is not None for report in reports):
        kept = [report for report in reports if report is not None]
        whole = ReconciliationReport(
            matched_expected=tuple(line for report in kept for line in report.matched_expected),
            matched_actual=tuple(line for report in kept for line in report.matched_actual),
            missing=tuple(line for report in kept for line in report.missing),
            unexpected=tuple(line for report in kept for line in report.unexpected),
            mismatched=tuple(mismatch for report in kept for mismatch in report.mismatched),
            tolerance=kept[0].tolerance,
        )
    return ReconciliationSummary(
        expected_rows=counted.expected_rows,
        billed_rows=counted.billed_rows,
        matched=counted.matched,
        matched_subtotal=counted.matched_subtotal,
        matched_total=counted.matched_total,
        missing=tuple(line for summary in parts for line in summary.missing),
        unexpected=tuple(line for summary in parts for line in summary.unexpected),
        mismatched=tuple(mismatch for summary in parts for mismatch in summary.mismatched),
        tolerance=Decimal(0) if counted.tolerance is None else counted.tolerance,
        report=whole,
    )
