"""Laws of the month-end close: the partitioned close of files is the close of the whole month in memory.

Months are drawn with a few customers (one billed in another currency, one with an opening ledger),
license lines with distinct subscriptions (refunds among them), daily usage, and an expected file
that drops, changes and adds lines. The oracle closes the whole month in memory, unpartitioned:
:func:`reconcile` of the two parsed files, every customer's lines grouped at once, and
:func:`close_customer` for each.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import random
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.month_end_files import RECON_COLUMNS, USAGE_COLUMNS

from cspcore import Money
from cspcore._decimal import exact_sum
from cspcore.billing import STANDARD, ChargeLine, Invoice, Ledger, Payment, Pricing, TaxRule
from cspcore.billing.usage import rollup
from cspcore.interop import (
    CustomerTerms,
    close_customer,
    close_month,
    month_end,
    parse_recon_rows,
    parse_usage_rows,
    reconcile,
    reconcile_usage,
)
from cspcore.interop.month_end_customer import usage_charge
from cspcore.interop.recon_files import partition_of

RECON = RECON_COLUMNS
USAGE = USAGE_COLUMNS
CUSTOMERS = ("c0", "c1", "c2", "c3", "c4", "c5")
ISSUED = dt.date(2024, 4, 1)
TERMS = {
    "c0": CustomerTerms(pricing=Pricing(markup=Decimal("0.15")), tax=TaxRule(rate=Decimal("0.21"))),
    "c1": CustomerTerms(pricing=Pricing(markup=Decimal("0.05"))),
    "c2": CustomerTerms(
        pricing=Pricing(markup=Decimal("0.1")), currency="CZK", exchange_rate=Decimal("25.3")
    ),
    "c3": CustomerTerms(pricing=Pricing(markup=Decimal(0)), tax=TaxRule(rate=Decimal("0.2"))),
    "c4": CustomerTerms(pricing=Pricing(markup=Decimal("0.3"))),
    "c5": CustomerTerms(pricing=Pricing(markup=Decimal("0.12")), tax=TaxRule(rate=Decimal("0.19"))),
}
LEDGERS = {
    "c1": Ledger(
        invoices=(
            Invoice(
                id="2024-02-c1",
                issued=dt.date(2024, 2, 1),
                due=dt.date(2024, 3, 2),
                currency="EUR",
                total_charges=Money("80.00", "EUR"),
            ),
        ),
        account_id="c1",
    ),
    "c9": Ledger(  # paid up, billed nothing this month
        invoices=(
            Invoice(
                id="2024-01-c9",
                issued=dt.date(2024, 1, 1),
                currency="EUR",
                total_charges=Money("9.00", "EUR"),
            ),
        ),
        payments=(Payment(id="p1", amount=Money("9.00", "EUR"), received=dt.date(2024, 1, 20)),),
        account_id="c9",
    ),
}

LINE = st.fixed_dictionaries(
    {
        "customer": st.sampled_from(CUSTOMERS),
        "cents": st.integers(1, 50_000),
        "refund": st.booleans() | st.just(False),
        "quantity": st.integers(1, 20),
    }
)
DAY = st.fixed_dictionaries(
    {
        "customer": st.sampled_from(CUSTOMERS),
        "subscription": st.sampled_from(["u1", "u2", "u3"]),
        "meter": st.sampled_from(["m1", "m2"]),
        "day": st.integers(1, 31),
        "quantity": st.decimals(min_value=Decimal("0.001"), max_value=Decimal(50), places=3),
        "price": st.sampled_from(["0.096", "1.1", "0.0816"]),
    }
)
MONTH = st.fixed_dictionaries(
    {
        "lines": st.lists(LINE, max_size=25),
        "days": st.lists(DAY, max_size=25),
        "dropped": st.sets(st.integers(0, 24), max_size=4),
        "changed": st.sets(st.integers(0, 24), max_size=4),
        "added": st.integers(0, 2),
        "seed": st.integers(0, 2**16),
    }
)


def _recon_row(index: int, line: dict[str, Any], cents: int | None = None) -> list[str]:
    amount = Decimal(line["cents"] if cents is None else cents).scaleb(-2) * (-1 if line["refund"] else 1)
    price = amount / line["quantity"]
    return [
        line["customer"], "2024-03-01", "removeQuantity" if line["refund"] else "cycleCharge", "M365",
        f"s{index}", str(abs(price)), str(price), str(line["quantity"]), str(amount), "EUR", "2024-03-01",
        "2024-03-31",
    ]  # fmt: skip


def _usage_row(day: dict[str, Any]) -> list[str]:
    # a usage subscription belongs to one customer: its id carries the customer's
    amount = day["quantity"] * Decimal(day["price"])
    return [
        f"2024-03-{day['day']:02d}", day["customer"], f"{day['customer']}-{day['subscription']}",
        day["meter"], str(day["quantity"]), day["price"], day["price"], str(amount), "EUR", str(amount),
        "EUR", "2024-03-01", "2024-03-31",
    ]  # fmt: skip


def _csv(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def _files(folder: Path, month: dict[str, Any], *, shuffle: bool = False) -> dict[str, Path]:
    billed = [_recon_row(i, line) for i, line in enumerate(month["lines"])]
    expected = [
        _recon_row(i, line, line["cents"] + 1 if i in month["changed"] else None)
        for i, line in enumerate(month["lines"])
        if i not in month["dropped"]
    ]
    expected += [
        _recon_row(100 + n, {"customer": "c3", "cents": 500, "refund": False, "quantity": 1})
        for n in range(month["added"])
    ]
    usage = [_usage_row(day) for day in month["days"]]
    expected_usage = [
        _usage_row({**day, "quantity": day["quantity"] + 1} if i in month["changed"] else day)
        for i, day in enumerate(month["days"])
        if i not in month["dropped"]
    ]
    if shuffle:
        rng = random.Random(month["seed"])  # noqa: S311 - a reproducible shuffle, no secret
        for rows in (billed, expected, usage, expected_usage):
            rng.shuffle(rows)
    texts = {
        "billed": _csv(RECON, billed),
        "expected": _csv(RECON, expected),
        "usage": _csv(USAGE, usage),
        "expected_usage": _csv(USAGE, expected_usage),
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / f"{name}.csv"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _in_memory(texts: dict[str, str]) -> tuple[Any, dict[str, Any]]:
    """The close of the whole month without partitions: the oracle."""
    billed = parse_recon_rows(texts["billed"])
    expected = parse_recon_rows(texts["expected"])
    report = reconcile(expected, billed)
    lines: dict[str, list[ChargeLine]] = {}
    for line in billed:
        lines.setdefault(line.customer_id or "", []).append(line)
    daily: dict[str, list[Any]] = {}
    for day in parse_usage_rows(texts["usage"]):
        daily.setdefault(day.customer_id or "", []).append(day)
    for customer, days in daily.items():
        lines.setdefault(customer, []).extend(usage_charge(rolled, customer) for rolled in rollup(days))
    closes = {
        customer: close_customer(
            customer, found, TERMS[customer], policy=STANDARD, issued=ISSUED, as_of=ISSUED, ledgers=LEDGERS
        )
        for customer, found in lines.items()
    }
    for customer in LEDGERS.keys() - closes.keys():
        closes[customer] = close_customer(
            customer, [], None, policy=STANDARD, issued=ISSUED, as_of=ISSUED, ledgers=LEDGERS
        )
    return report, closes


def _close(paths: dict[str, Path], partitions: int, folder: Path, **changes: Any) -> Any:
    arguments: dict[str, Any] = {
        "billed": paths["billed"],
        "expected": paths["expected"],
        "usage": paths["usage"],
        "expected_usage": paths["expected_usage"],
        "customers": TERMS,
        "ledgers": LEDGERS,
        "policy": STANDARD,
        "issued": ISSUED,
        "as_of": ISSUED,
        "partitions": partitions,
        "workdir": folder,
    }
    return close_month(**{**arguments, **changes})


def _closed(month: dict[str, Any], partitions: int) -> tuple[Any, dict[str, str]]:
    """The month closed from its files, and the files' text."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = _files(folder, month)
        closed = _close(paths, partitions, folder)
        return closed, {key: path.read_text(encoding="utf-8") for key, path in paths.items()}


def _view(close: Any) -> tuple[Any, ...]:
    """What a customer's close states, whatever order its lines came in."""
    invoice = close.invoice
    lines = None if invoice is None else sorted((str(line.amount), str(line.tax)) for line in invoice.lines)
    totals = None if invoice is None else (invoice.subtotal, invoice.tax, invoice.total_charges, invoice.due)
    return (close.lines, lines, totals, close.credit_note, close.balance, close.standing)


@settings(max_examples=40, deadline=None)
@given(month=MONTH, partitions=st.integers(1, 6))
def test_the_close_of_the_files_is_the_close_of_the_whole_month_in_memory(
    month: dict[str, Any], partitions: int
) -> None:
    closed, texts = _closed(month, partitions)
    report, oracle = _in_memory(texts)
    usage = reconcile_usage(parse_usage_rows(texts["expected_usage"]), parse_usage_rows(texts["usage"]))
    assert closed.summary.usage == usage  # the same differences, in the same order
    got = {close.customer_id: close for close in closed.customers}
    assert got.keys() == oracle.keys()
    for customer, close in oracle.items():
        mine = got[customer]
        assert (mine.invoice, mine.credit_note, mine.balance, mine.standing) == (
            close.invoice,
            close.credit_note,
            close.balance,
            close.standing,
        )
        assert mine.ledger == close.ledger
    recon = closed.summary.reconciliation
    assert recon.matched == len(report.matched_expected)
    assert Counter(map(repr, recon.missing)) == Counter(map(repr, report.missing))
    assert Counter(map(repr, recon.unexpected)) == Counter(map(repr, report.unexpected))
    assert Counter(map(repr, recon.mismatched)) == Counter(map(repr, report.mismatched))
    assert closed.summary.customers == len(oracle)


@settings(max_examples=40, deadline=None)
@given(month=MONTH, partitions=st.integers(1, 6))
def test_microsofts_subtotals_before_markup_add_up_to_the_billed_files(
    month: dict[str, Any], partitions: int
) -> None:
    closed, texts = _closed(month, partitions)
    billed = parse_recon_rows(texts["billed"])
    days = parse_usage_rows(texts["usage"])
    file_total = exact_sum(
        [line.subtotal.amount for line in billed] + [u.subtotal.amount for u in rollup(days)]
    )
    stated = closed.summary.microsoft_subtotal
    assert stated == (() if not billed and not days else (Money(file_total, "EUR"),))
    # and each invoice starts from Microsoft's lines: its lines' charges (before markup, before the
    # conversion of the customer billed in CZK) add up to the same figure, credit notes aside
    if not any(close.credit_note for close in closed.customers):
        invoiced = [
            line.charge.subtotal.amount
            for close in closed.customers
            if close.invoice is not None and close.customer_id != "c2"
            for line in close.invoice.lines
            if line.charge is not None
        ]
        converted = sum(1 for line in billed if line.customer_id == "c2") + sum(
            1 for u in days if u.customer_id == "c2"
        )
        if not converted:
            assert exact_sum(invoiced) == file_total


@settings(max_examples=30, deadline=None)
@given(month=MONTH, partitions=st.integers(1, 6))
def test_the_close_does_not_depend_on_the_order_of_the_rows(month: dict[str, Any], partitions: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first = {c.customer_id: _view(c) for c in _close(_files(folder, month), partitions, folder).customers}
        shuffled = _close(_files(folder, month, shuffle=True), 1 + (partitions % 6), folder)
    assert {c.customer_id: _view(c) for c in shuffled.customers} == first


@pytest.mark.parametrize("partitions", [4, 8])
def test_the_close_holds_one_partition_of_lines_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partitions: int
) -> None:
    # 48 customers of 10 lines each, every line billed as expected: the reconciliation keeps none
    lines = [
        {"customer": f"memory-{n % 48}", "cents": 1000 + n, "refund": False, "quantity": 1 + n % 3}
        for n in range(480)
    ]
    month = {"lines": lines, "days": [], "dropped": set(), "changed": set(), "added": 0, "seed": 0}
    paths = _files(tmp_path, month)
    terms = {f"memory-{n}": CustomerTerms(pricing=Pricing(markup=Decimal("0.1"))) for n in range(48)}
    held: list[int] = []
    close = close_customer

    def counting(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        # this month's lines only (the process may hold other tests' lines)
        held.append(
            sum(1 for thing in gc.get_objects() if type(thing) is ChargeLine and thing.customer_id in terms)
        )
        return close(*args, **kwargs)

    monkeypatch.setattr(month_end, "close_customer", counting)
    per_partition = Counter(partition_of(f"memory-{n % 48}", partitions) for n in range(480))
    closed = _close(
        paths, partitions, tmp_path, customers=terms, ledgers=None, on_customer=lambda _close: None
    )  # each close handed on, not kept
    assert closed.summary.customers == 48
    assert closed.summary.reconciliation.is_clean
    assert len(held) == 48
    # the lines alive while a customer closes: its partition's, never the file's
    assert max(held) <= max(per_partition.values()) < 480


@settings(max_examples=30, deadline=None)
@given(month=MONTH, partitions=st.integers(1, 6))
def test_the_summary_adds_up_the_customers_closes(month: dict[str, Any], partitions: int) -> None:
    closed, _texts = _closed(month, partitions)
    closes = closed.customers
    summary = closed.summary
    assert summary.customers == len(closes) == len({close.customer_id for close in closes})
    assert summary.lines == sum(close.lines for close in closes)
    assert summary.invoices == sum(close.invoice is not None for close in closes)
    assert summary.credit_notes == sum(close.credit_note is not None for close in closes)
    assert summary.in_collections == sum(close.standing.stage is not None for close in closes)

    def per_currency(amounts: list[Money]) -> tuple[Money, ...]:
        groups: dict[str, list[Decimal]] = {}
        for money in amounts:
            groups.setdefault(money.currency, []).append(money.amount)
        return tuple(Money(exact_sum(values), code) for code, values in sorted(groups.items()))

    documents = [close.invoice.total_charges for close in closes if close.invoice is not None]
    documents += [-close.credit_note.amount for close in closes if close.credit_note is not None]
    assert summary.invoiced == per_currency(documents)
    assert summary.balances == per_currency([close.balance for close in closes])


@settings(max_examples=30, deadline=None)
@given(month=MONTH, partitions=st.integers(1, 6))
def test_at_no_markup_and_no_tax_each_customer_is_invoiced_what_microsoft_billed_it(
    month: dict[str, Any], partitions: int
) -> None:
    # every customer at cost, c2 in CZK: its lines converted one by one, each rounded half up to the haléř
    rate = Decimal("25.3")
    at_cost = {customer: CustomerTerms(pricing=Pricing(markup=Decimal(0))) for customer in CUSTOMERS}
    at_cost["c2"] = CustomerTerms(pricing=Pricing(markup=Decimal(0)), currency="CZK", exchange_rate=rate)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = _files(folder, month)
        closed = _close(paths, partitions, folder, customers=at_cost, ledgers=None)
        texts = {key: path.read_text(encoding="utf-8") for key, path in paths.items()}
    billed: dict[str, list[Decimal]] = {}
    for line in parse_recon_rows(texts["billed"]):
        billed.setdefault(line.customer_id or "", []).append(line.subtotal.amount)
    daily: dict[str, list[Any]] = {}
    for day in parse_usage_rows(texts["usage"]):
        daily.setdefault(day.customer_id or "", []).append(day)
    for customer, days in daily.items():
        billed.setdefault(customer, []).extend(rolled.subtotal.amount for rolled in rollup(days))
    assert {close.customer_id for close in closed.customers} == billed.keys()
    for close in closed.customers:
        amounts = billed[close.customer_id]
        if close.customer_id == "c2":
            expected = Money(exact_sum([Money(a * rate, "CZK").round().amount for a in amounts]), "CZK")
        else:
            expected = Money(exact_sum(amounts), "EUR")
        net = close.invoice.total_charges if close.invoice is not None else -close.credit_note.amount
        assert net == expected
        assert close.balance == expected  # a new ledger holds only the month's document
        assert close.lines == len(amounts)
