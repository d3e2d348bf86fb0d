r"""The month-end close as one streaming pipeline, from Microsoft's files to collections standings.

:func:`close_month` takes the month's files and the partner's terms and runs, in bounded memory:

1. **Reconciliation** of Microsoft's reconciliation file against the lines you expected, with
   :func:`~cspcore.interop.recon_files.reconcile_files` (partitioned by ``SubscriptionId``); and,
   when both daily-rated usage files are given, of the billed daily usage against the expected one
   with :func:`~cspcore.interop.reconcile_usage`, one ``SubscriptionId`` partition at a time.
2. **Customer invoices**: Microsoft's billed lines (license lines, and the invoice's usage lines
   rolled up from the daily-rated usage file) go to each customer's invoice with its markup or
   price list, tax and currency (:func:`~cspcore.interop.month_end_customer.close_customer`).
3. **Ledgers**: each invoice is issued into the customer's ledger (a month that nets below zero
   becomes a credit note), and the ledger's balance is read on ``as_of``.
4. **Collections**: each customer's standing under the policy on ``as_of``.

How memory stays bounded: a customer's invoice needs all its lines, which fall in every
``SubscriptionId`` partition; so the invoicing pass cuts the billed files again, by a CRC-32 of
``CustomerId`` (:func:`~cspcore.interop.recon_files.partition_of`), and reads one partition at a
time: a customer's lines share one. The reconciliation keeps its ``SubscriptionId`` partitions (it
needs no customer id: an expected file whose ``CustomerId`` is blank still pairs as
:func:`~cspcore.interop.reconcile` does). Each file is read a few times (validated, split, read per
partition), the price of memory that does not grow with the file. Closes go one by one to
``on_customer`` when given, else are kept; the :class:`MonthEndSummary` keeps counts and totals.

Unlike the rest of the core, this module reads the files the caller names and writes partition
files in a folder the caller chooses (a temporary one by default), which it removes: it is the
explicit file boundary of the month-end close, beside :mod:`cspcore.interop.recon_files`; the
per-customer rules are pure (:mod:`cspcore.interop.month_end_customer`).

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore._decimal import exact_sum
from cspcore.billing.collections import CollectionsPolicy
from cspcore.billing.usage import UsageLine, rollup
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop.month_end_customer import CustomerClose, CustomerTerms, close_customer, usage_charge
from cspcore.interop.recon_columns import column_key, header_positions
from cspcore.interop.recon_csv import iter_recon_rows
from cspcore.interop.recon_files import ReconciliationSummary, partitions_for, reconcile_files
from cspcore.interop.recon_split import (
    empty,
    file_path,
    open_side,
    partition_of,
    records,
    split_cells,
)
from cspcore.interop.usage import iter_usage_rows
from cspcore.interop.usage_reconcile import UsageReconciliation, reconcile_usage
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt
    import os
    from decimal import Decimal

    from cspcore.billing.charges import ChargeLine
    from cspcore.billing.invoices import Ledger

__all__ = ["MonthEndClose", "MonthEndSummary", "close_month"]

_TOTALS: Final = ("microsoft_subtotal", "invoiced", "balances")


def _totals(value: object) -> tuple[Money, ...]:
    return tuple(_validate.instance(item, Money, "totals[]") for item in _validate.items(value, "totals"))


def _count_of(value: object, field: str) -> None:
    _validate.integer(value, field, minimum=0, maximum=_validate.MAX_QUANTITY)


_COUNT: Final = _validate.attrs_validator(_count_of)


@attrs.frozen(kw_only=True)
class MonthEndSummary:
    """The close in counts and totals (whatever the files' size).

    Args:
        reconciliation: Microsoft's reconciliation file against the expected lines.
        usage: The billed daily-rated usage against the expected usage (``None`` unless both were given).
        customers: Customers closed (billed this month, or holding a ledger).
        lines: Microsoft's lines invoiced (license lines and rolled-up usage lines).
        invoices: Invoices issued.
        credit_notes: Credit notes issued (months that net below zero).
        in_collections: Customers whose standing has a stage.
        microsoft_subtotal: Microsoft's billed subtotals added up, per currency (before markup and
            conversion): what the customers' invoices start from.
        invoiced: The invoices' totals (tax included) less the credit notes, per customer currency.
        balances: The customers' balances on ``as_of``, per currency.
    """

    reconciliation: ReconciliationSummary = attrs.field(
        validator=_validate.attrs_instance_of(ReconciliationSummary)
    )
    usage: UsageReconciliation | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_instance_of(UsageReconciliation))
    )
    customers: int = attrs.field(validator=_COUNT)
    lines: int = attrs.field(validator=_COUNT)
    invoices: int = attrs.field(validator=_COUNT)
    credit_notes: int = attrs.field(validator=_COUNT)
    in_collections: int = attrs.field(validator=_COUNT)
    microsoft_subtotal: tuple[Money, ...] = attrs.field(converter=_totals)
    invoiced: tuple[Money, ...] = attrs.field(converter=_totals)
    balances: tuple[Money, ...] = attrs.field(converter=_totals)


@attrs.frozen(kw_only=True)
class MonthEndClose:
    """What :func:`close_month` returns: the summary, and each customer's close when they were kept."""

    summary: MonthEndSummary = attrs.field(validator=_validate.attrs_instance_of(MonthEndSummary))
    customers: tuple[CustomerClose, ...] = attrs.field(
        default=(), validator=_validate.attrs_items_of(tuple, CustomerClose)
    )

    def customer(self, customer_id: str) -> CustomerClose:
        """The close of one customer (``UNKNOWN_REFERENCE`` when it was not closed or not kept)."""
        for each in self.customers:
            if each.customer_id == customer_id:
                return each
        raise InvalidInput(
            "customer_id", "no close of this customer", customer_id, code=ErrorCode.UNKNOWN_REFERENCE
        )


class _Sums:
    """Running totals per currency, and counts, as the customers close."""

    def __init__(self) -> None:
        self.sums: dict[str, dict[str, list[Decimal]]] = {name: {} for name in _TOTALS}
        self.customers = self.lines = self.invoices = self.notes = self.staged = 0

    def add(self, name: str, money: Money) -> None:
        self.sums[name].setdefault(money.currency, []).append(money.amount)
        if len(self.sums[name][money.currency]) > 1_000:
            values = self.sums[name][money.currency]
            values[:] = [exact_sum(values)]

    def tally(self, close: CustomerClose, microsoft: Iterable[ChargeLine]) -> None:
        self.customers += 1
        self.lines += close.lines
        self.staged += close.standing.stage is not None
        for line in microsoft:
            self.add("microsoft_subtotal", line.subtotal)
        if close.invoice is not None:
            self.invoices += 1
            self.add("invoiced", close.invoice.total_charges)
        if close.credit_note is not None:
            self.notes += 1
            self.add("invoiced", -close.credit_note.amount)
        self.add("balances", close.balance)

    def money(self, name: str) -> tuple[Money, ...]:
        return tuple(Money(exact_sum(values), code) for code, values in sorted(self.sums[name].items()))


# --- files ---------------------------------------------------------------------------------------


def _column(header: list[str], name: str, side: str) -> int:
    """The position of column ``name`` in a header record (-1 if absent); a column named twice is refused."""
    return header_positions(split_cells(header), f"{side}.header").get(column_key(name), -1)


def _split(path: str, side: str, column: str, count: int, folder: str, *, required: bool) -> list[str]:
    """Cut a CSV file into ``count`` files by a CRC-32 of ``column`` (the header in each); rows in order.

    With ``required``, a row whose cell is blank is refused, naming its row as the readers number it.
    """
    names = [str(Path(folder) / f"{side}.{column}.{index:04d}.csv") for index in range(count)]
    handles: list[IO[str]] = []
    try:
        handles.extend(Path(name).open("w", encoding="utf-8", newline="") for name in names)  # noqa: SIM115
        with open_side(path, side) as source:
            rows = records(source)
            header = next(rows, None)
            if header is None:
                return names
            for handle in handles:
                handle.writelines(header)
            position = _column(header, column, side)
            if position < 0 and required:
                raise InvalidInput(
                    f"{side}.{column}", "the file has no such column", path, code=ErrorCode.MISSING
                )
            for number, record in enumerate(rows, start=1):
                if empty(record):
                    continue
                cells = split_cells(record)
                key = cells[position].strip() if 0 <= position < len(cells) else ""
                if required and not key:
                    raise InvalidInput(
                        f"{side}.rows[{number}].{column}",
                        "is needed to invoice the line",
                        None,
                        code=ErrorCode.MISSING,
                    )
                handles[partition_of(key, count)].writelines(record)
    except OSError as error:
        raise InvalidInput(
            "workdir", f"could not write partitions: {type(error).__name__}", folder, code=ErrorCode.IO_FAILED
        ) from None
    finally:
        for handle in handles:
            handle.close()
    return names


def _usage_lines(path: str, side: str) -> Iterator[UsageLine]:
    with open_side(path, side) as handle:
        try:
            yield from iter_usage_rows(handle)
        except InvalidInput as error:
            raise _named(error, side) from None


def _named(error: InvalidInput, side: str) -> InvalidInput:
    """A usage reader's refusal under its side (``usage.rows[4].Quantity``), all else kept."""
    return error.renamed(f"{side}.{error.field}")


def _check_usage(path: str, side: str, currency: str | None) -> str | None:
    """Read a usage file through once (its refusals name its rows); its one billing currency."""
    for number, line in enumerate(_usage_lines(path, side), start=1):
        if currency is None:
            currency = line.billing_currency
        elif line.billing_currency != currency:
            raise CurrencyMismatch(f"{side}.rows[{number}].BillingCurrency", currency, line.billing_currency)
    return currency


def _usage_reconciliation(expected: str, billed: str, count: int, folder: str) -> UsageReconciliation:
    """reconcile_usage, one SubscriptionId partition at a time, merged into the whole-file result."""
    mine = _split(expected, "expected_usage", "SubscriptionId", count, folder, required=False)
    theirs = _split(billed, "usage", "SubscriptionId", count, folder, required=False)
    parts = []
    for left, right in zip(mine, theirs, strict=True):
        parts.append(reconcile_usage(_usage_lines(left, "expected_usage"), _usage_lines(right, "usage")))
        Path(left).unlink()
        Path(right).unlink()
    # each subscription's differences come from one partition, in order: a stable sort on the
    # subscription gives the whole file's order (subscription first, then meter, day or line)
    currency = next((part.currency for part in parts if part.currency is not None), None)
    return UsageReconciliation(
        days=tuple(sorted((d for part in parts for d in part.days), key=lambda d: d.subscription_id)),
        lines=tuple(
            sorted(
                (d for part in parts for d in part.lines),
                key=lambda d: (d.expected or d.billed).subscription_id,  # type: ignore[union-attr]
            )
        ),
        compared_days=sum(part.compared_days for part in parts),
        currency=currency,
    )


def _grouped(lines: Iterable[ChargeLine]) -> dict[str, list[ChargeLine]]:
    groups: dict[str, list[ChargeLine]] = {}
    for line in lines:
        groups.setdefault(line.customer_id or "", []).append(line)
    return groups


def _usage_grouped(path: str | None) -> dict[str, list[ChargeLine]]:
    if path is None:
        return {}
    daily: dict[str, list[UsageLine]] = {}
    for line in _usage_lines(path, "usage"):
        if line.customer_id is None:  # pragma: no cover - the split refused it
            raise InvalidInput(
                "usage.CustomerId", "is needed to invoice the line", None, code=ErrorCode.MISSING
            )
        daily.setdefault(line.customer_id, []).append(line)
    return {
        customer: [usage_charge(rolled, customer) for rolled in rollup(days)]
        for customer, days in daily.items()
    }


def _recon_lines(path: str) -> Iterator[ChargeLine]:
    with open_side(path, "billed") as handle:
        yield from iter_recon_rows(handle)


def _mapping(value: object, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidInput(field, "expected a mapping by customer id", value, code=ErrorCode.WRONG_TYPE)
    return value


def close_month(
    *,
    billed: str | os.PathLike[str],
    expected: str | os.PathLike[str],
    customers: Mapping[str, CustomerTerms],
    policy: CollectionsPolicy,
    issued: dt.date,
    as_of: dt.date,
    ledgers: Mapping[str, Ledger] | None = None,
    usage: str | os.PathLike[str] | None = None,
    expected_usage: str | os.PathLike[str] | None = None,
    tolerance: Decimal | int | str = 0,
    partitions: int | None = None,
    workdir: str | os.PathLike[str] | None = None,
    on_customer: Callable[[CustomerClose], object] | None = None,
) -> MonthEndClose:
    r"""Close the month: reconcile, invoice each customer, post to its ledger, evaluate its standing.

    Args:
        billed: Microsoft's reconciliation file (license-based, and any usage lines it bills), whose
            rows carry ``CustomerId``.
        expected: Your expected lines, a reconciliation file of the same columns.
        customers: Each billed customer's :class:`~cspcore.interop.month_end_customer.CustomerTerms`,
            by customer id (any mapping: a lazy one keeps memory down).
        policy: The collections policy (a customer's own ``terms.policy`` wins).
        issued: The customers' invoice date.
        as_of: The day balances and standings are read on (not before ``issued``).
        ledgers: The customers' ledgers before this month (opening balances as ledgers), by id; a
            customer absent starts with an empty ledger; a customer present but not billed this month
            is evaluated too (an empty ledger in the month's currency, the recon file's or else the
            usage file's).
        usage: Microsoft's daily-rated usage file of the month (rows with ``CustomerId``), invoiced
            as its rolled-up usage lines.
        expected_usage: Your expected daily usage, in the same columns, reconciled against ``usage``.
        tolerance: As :func:`~cspcore.interop.reconcile`'s.
        partitions: How many partitions each pass uses (1 to 1,024; by default from the larger
            file's size, about 16 MiB of text each).
        workdir: Where partition files go (a folder made in it, and removed).
        on_customer: Called with each customer's close as it is made; those closes are then not kept.

    Returns:
        A :class:`MonthEndClose`: the :class:`MonthEndSummary` and, without ``on_customer``, every
        customer's close, partition by partition (customers sorted within one), then the customers
        that only hold a ledger, sorted.

    Raises:
        InvalidInput: as :func:`~cspcore.interop.recon_files.reconcile_files` for the recon files;
            a usage row's refusal names its side and row (``usage.rows[4].Quantity``); a billed
            row without ``CustomerId`` (``billed.rows[7].CustomerId``, ``MISSING``); a billed
            customer without terms (``customers[c1]``, ``MISSING``); a value of the wrong kind.
        CurrencyMismatch: the usage file in another currency than the recon file, or a ledger or a
            policy in another currency than the customer's invoice.

    >>> import datetime as dt, pathlib, tempfile
    >>> from decimal import Decimal
    >>> from cspcore.billing import STANDARD, Pricing
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> text = (
    ...     "CustomerId,OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,"
    ...     "BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
    ...     "c1,2024-03-01,cycleCharge,M365 E3,s1,36,36,10,360,EUR,2024-03-01,2024-03-31\n"
    ... )
    >>> for name in ("billed.csv", "expected.csv"):
    ...     _ = (folder / name).write_text(text, encoding="utf-8")
    >>> closed = close_month(
    ...     billed=folder / "billed.csv", expected=folder / "expected.csv",
    ...     customers={"c1": CustomerTerms(pricing=Pricing(markup=Decimal("0.1")))},
    ...     policy=STANDARD, issued=dt.date(2024, 4, 1), as_of=dt.date(2024, 4, 1), workdir=folder,
    ... )  # fmt: skip
    >>> closed.summary.reconciliation.is_clean, closed.customer("c1").invoice.total_charges
    (True, Money('396.00', 'EUR'))
    """
    paths = (file_path(billed, "billed"), file_path(expected, "expected"))
    usage_path = None if usage is None else file_path(usage, "usage")
    expected_usage_path = None if expected_usage is None else file_path(expected_usage, "expected_usage")
    if expected_usage_path is not None and usage_path is None:
        raise InvalidInput(
            "usage", "expected usage needs the billed usage file", None, code=ErrorCode.MISSING
        )
    run = _Run(customers, ledgers, policy, issued, as_of, on_customer)
    sides = ((paths[0], "billed"), (paths[1], "expected"), (usage_path, "usage"))
    count = partitions_for((*sides, (expected_usage_path, "expected_usage")), partitions)
    base = None if workdir is None else file_path(workdir, "workdir")
    reconciliation = reconcile_files(
        expected=paths[1], billed=paths[0], tolerance=tolerance, partitions=count, workdir=base
    )
    try:
        folder = tempfile.mkdtemp(prefix="cspcore-close-", dir=base)
    except OSError as error:
        raise InvalidInput(
            "workdir", f"no folder could be made: {type(error).__name__}", base, code=ErrorCode.IO_FAILED
        ) from None
    try:
        usage_report = None
        currency = reconciliation.currency  # the month's: the recon file's, else the usage file's
        if usage_path is not None:
            currency = _check_usage(usage_path, "usage", currency)
            if expected_usage_path is not None:
                _check_usage(expected_usage_path, "expected_usage", currency)
                usage_report = _usage_reconciliation(expected_usage_path, usage_path, count, folder)
        recon_parts = _split(paths[0], "billed", "CustomerId", count, folder, required=True)
        usage_parts: list[str | None] = (
            [None] * count
            if usage_path is None
            else list(_split(usage_path, "usage", "CustomerId", count, folder, required=True))
        )
        for recon_part, usage_part in zip(recon_parts, usage_parts, strict=True):
            run.partition(recon_part, usage_part)
        run.ledgers_only(currency)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    sums = run.sums
    summary = MonthEndSummary(
        reconciliation=reconciliation,
        usage=usage_report,
        customers=sums.customers,
        lines=sums.lines,
        invoices=sums.invoices,
        credit_notes=sums.notes,
        in_collections=sums.staged,
        microsoft_subtotal=sums.money("microsoft_subtotal"),
        invoiced=sums.money("invoiced"),
        balances=sums.money("balances"),
    )
    return MonthEndClose(summary=summary, customers=tuple(run.kept))


class _Run:
    """The customers' side of one close: their inputs, what was closed, and the running sums."""

    def __init__(  # noqa: PLR0917 - the close's inputs, checked here once
        self,
        customers: object,
        ledgers: object,
        policy: object,
        issued: object,
        as_of: object,
        on_customer: object,
    ) -> None:
        self.terms = _mapping(customers, "customers")
        self.books = _mapping({} if ledgers is None else ledgers, "ledgers")
        self.policy: CollectionsPolicy = _validate.instance(policy, CollectionsPolicy, "policy")
        self.issued = _validate.date(issued, "issued")
        self.as_of = _validate.date(as_of, "as_of")
        if self.as_of < self.issued:
            raise InvalidInput("as_of", "is before the invoice date", as_of, code=ErrorCode.OUT_OF_ORDER)
        if on_customer is not None and not callable(on_customer):
            raise InvalidInput("on_customer", "expected a callable", on_customer, code=ErrorCode.WRONG_TYPE)
        self.sink: Callable[[CustomerClose], object] | None = on_customer
        self.sums = _Sums()
        self.kept: list[CustomerClose] = []
        self.seen: set[str] = set()

    def partition(self, recon_part: str, usage_part: str | None) -> None:
        """Close every customer of one CustomerId partition (its files are removed after)."""
        license_lines = _grouped(_recon_lines(recon_part))
        usage_lines = _usage_grouped(usage_part)
        for customer in sorted(license_lines.keys() | usage_lines.keys()):
            self.close(customer, license_lines.get(customer, []) + usage_lines.get(customer, []))
        for path in (recon_part, usage_part):
            if path is not None:
                Path(path).unlink()

    def ledgers_only(self, currency: str | None) -> None:
        """Close the customers that hold a ledger and were not billed this month."""
        for customer in sorted(set(self.books) - self.seen):
            self.close(customer, [], currency)

    def close(self, customer: str, lines: list[ChargeLine], currency: str | None = None) -> None:
        found = self.terms.get(customer)
        rule = None if found is None else _validate.instance(found, CustomerTerms, f"customers[{customer}]")
        close = close_customer(
            customer,
            lines,
            rule,
            policy=self.policy,
            issued=self.issued,
            as_of=self.as_of,
            ledgers=self.books,  # each ledger is checked as its customer closes
            currency=currency,
        )
        self.seen.add(customer)
        self.sums.tally(close, lines)
        if self.sink is None:
            self.kept.append(close)
        else:
            self.sink(close)
