"""Laws of the Partner Center bridge: round trips, reconciliation, and robustness against hostile payloads."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import CspError, Money
from cspcore.billing import ChargeLine
from cspcore.interop import (
    RECON_COLUMNS,
    explain_charge,
    iter_recon_rows,
    parse_invoice,
    parse_invoice_line_items,
    parse_invoice_summaries,
    parse_invoices,
    parse_recon_rows,
    reconcile,
    seats_at_period_end,
    to_recon_rows,
)
from cspcore.interop._fastcsv import records
from cspcore.testing.interop import charge_lines, recon_payload_mutations, recon_rows
from cspcore.testing.strategies import currencies, locales

if TYPE_CHECKING:
    from cspcore.billing.charges import ChargeTypeSpelling

# one invoice, one billing currency: the lines of a file share theirs (docs/reconciliation.md)
LINES = currencies().flatmap(
    lambda code: st.lists(
        charge_lines(currency=code, subscription_ids=st.sampled_from(["s1", "s2", "s3"])), max_size=4
    )
)
AMOUNTS = ("unit_price", "effective_unit_price", "subtotal", "tax", "total")


@given(LINES)
def test_recon_rows_round_trip_through_mappings(lines: list[ChargeLine]) -> None:
    assert parse_recon_rows(to_recon_rows(lines)) == tuple(lines)


@given(LINES)
def test_recon_rows_round_trip_through_csv_text(lines: list[ChargeLine]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    assert parse_recon_rows(buffer.getvalue()) == tuple(lines)


@given(charge_lines())
def test_the_fast_constructor_builds_what_the_public_one_builds(line: ChargeLine) -> None:
    (parsed,) = parse_recon_rows(to_recon_rows([line]))
    assert ChargeLine(**attrs.asdict(parsed, recurse=False)) == parsed


@given(LINES)
def test_any_lines_reconcile_with_themselves(lines: list[ChargeLine]) -> None:
    report = reconcile(lines, list(reversed(lines)))
    assert report.is_clean
    assert len(report.matched) == len(lines)


def csv_text(lines: list[ChargeLine]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    return buffer.getvalue()


POOL_LINES = st.lists(
    charge_lines(currency="EUR", subscription_ids=st.sampled_from(["s1", "s2"])), min_size=1, max_size=3
)


@given(POOL_LINES, st.lists(st.integers(0, 5), max_size=8), st.data())
def test_streamed_rows_reconcile_like_parsed_lines(
    pool: list[ChargeLine], picks: list[int], data: st.DataObject
) -> None:
    """Billed rows drawn (with repeats) from the expected lines, some changed: the row reader pairs
    rows itself, and must report what pairing the parsed lines reports."""
    billed = []
    for pick in picks:
        original = pool[pick % len(pool)]
        change = data.draw(st.sampled_from(["none", "reference", "no reference", "amount", "product"]))
        if change == "reference":
            original = attrs.evolve(original, reference_id=f"r-{pick}")
        elif change == "no reference":
            original = attrs.evolve(original, reference_id=None)
        elif change == "amount":
            cent = Money("0.01", "EUR")
            original = attrs.evolve(original, subtotal=original.subtotal + cent, total=original.total + cent)
        elif change == "product":
            original = attrs.evolve(original, product="Other")
        billed.append(original)
    expected = data.draw(st.lists(st.sampled_from(pool), max_size=6))
    text = csv_text(billed)
    streamed = reconcile(expected, iter_recon_rows(text))
    assert streamed == reconcile(expected, parse_recon_rows(text))
    assert streamed.matched == tuple(zip(streamed.matched_expected, streamed.matched_actual, strict=True))
    assert all(line in billed for line in streamed.matched_actual)


LINE_PIECES = st.lists(st.sampled_from(["a", ",", '"', "\r", "\n", "\r\n", " ", "\x00", "bc"]), max_size=6)


@given(st.lists(LINE_PIECES.map("".join), max_size=6))
def test_the_fast_record_splitter_reads_what_the_csv_reader_reads(lines: list[str]) -> None:
    try:
        expected = list(csv.reader(lines, strict=True))
    except csv.Error as error:
        with pytest.raises(csv.Error, match=re.escape(str(error))):
            list(records(iter(lines)))
    else:
        assert list(records(iter(lines))) == expected


@given(LINES.filter(bool), st.data())
def test_changing_any_one_amount_makes_reconciliation_fail(
    lines: list[ChargeLine], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(lines) - 1))
    name = data.draw(st.sampled_from(AMOUNTS))
    step = data.draw(st.sampled_from([Decimal("0.01"), Decimal(1), Decimal(-1), Decimal(100)]))
    original = lines[index]
    changed_amount: Money = getattr(original, name) + Money(step, original.currency)
    changes: dict[str, Any] = {name: changed_amount}
    if name == "tax":
        changes["total"] = original.subtotal + changed_amount
    elif name == "subtotal":
        changes["total"] = changed_amount + original.tax
    elif name == "total":
        changes["tax"] = changed_amount - original.subtotal
    changed = [*lines[:index], attrs.evolve(original, **changes), *lines[index + 1 :]]
    assert not reconcile(lines, changed).is_clean


@given(
    st.integers(0, 300),
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 300)), max_size=6),
    st.permutations(range(14)),
)
@example(10, [(2, 15), (5, 25), (7, 23), (9, 20), (20, 30)], list(range(14)))  # the published March example
@example(10, [(0, 15), (0, 13)], list(range(14)))  # several changes on the purchase day
def test_seats_after_a_chain_of_changes_are_the_last_count(
    first: int, changes: list[tuple[int, int]], order: list[int]
) -> None:
    """Each change refunds the old count and charges the new one (common-billing-scenarios-...md)."""
    import datetime as dt

    start = dt.date(2022, 3, 5)
    price = Money(12, "EUR")

    def make(day: int, kind: ChargeTypeSpelling, quantity: int, sign: int) -> ChargeLine:
        return ChargeLine(
            order_date=start + dt.timedelta(days=day),
            charge_type=kind,
            product="M365",
            subscription_id="s1",
            unit_price=price,
            effective_unit_price=price * sign,
            quantity=quantity,
            subtotal=price * quantity * sign,
            charge_start=start + dt.timedelta(days=day),
            charge_end=start + dt.timedelta(days=200),
        )

    lines = [make(0, "new", first, 1)]
    count, day = first, 0
    for step, new_count in changes:
        day += step
        lines += [make(day, "addQuantity", count, -1), make(day, "addQuantity", new_count, 1)]
        count = new_count
    shuffled = [lines[i] for i in order if i < len(lines)]
    assert seats_at_period_end(shuffled) == {"s1": Decimal(count)}


@given(charge_lines(), locales())
def test_every_line_can_be_explained_in_every_locale(line: ChargeLine, locale: str) -> None:
    assert explain_charge(line, locale=locale).count("\n") >= 4


# -- fuzzing: only CspError subclasses may escape ------------------------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.sampled_from(
            ["2024-02-30", "0001-01-01T00:00:00", "New", "one_time", "usage_line_items", "EUR", "office"]
        ),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=5,
)
KEYS = st.sampled_from(
    [
        "id",
        "invoiceDate",
        "totalCharges",
        "currencyCode",
        "documentType",
        "amendments",
        "amendsOf",
        "items",
        "balanceAmount",
        "details",
        "billingProvider",
        "chargeType",
        "subtotal",
        "currency",
        "unitPrice",
        "effectiveUnitPrice",
        "quantity",
        "chargeStartDate",
        "chargeEndDate",
        "orderDate",
        "productName",
        "subscriptionId",
        "totalForCustomer",
        "invoiceLineItemType",
    ]
)
PAYLOADS = st.one_of(
    JSON_VALUES,
    st.dictionaries(KEYS, JSON_VALUES, max_size=12),
    st.builds(
        lambda items: {"items": items}, st.lists(st.dictionaries(KEYS, JSON_VALUES, max_size=14), max_size=3)
    ),
    st.text(max_size=60),
    st.binary(max_size=60),
)
PARSERS = st.sampled_from([parse_invoice, parse_invoices, parse_invoice_summaries, parse_invoice_line_items])


def only_csp_errors(call: Any, payload: object) -> None:
    with contextlib.suppress(CspError):
        call(payload)


@given(PARSERS, PAYLOADS)
@example(parse_invoice_line_items, '{"items": [{"billingProvider": "one_time", "subtotal": 1e999999}]}')
@example(parse_invoice, "[" * 5000)
@example(parse_invoices, {"items": [{"amendments": [{"amendments": "x"}]}]})
def test_json_parsers_let_only_csp_errors_escape(parser: Any, payload: object) -> None:
    only_csp_errors(parser, payload)
    if isinstance(payload, (dict, list)):
        try:
            text = json.dumps(payload, default=str)
        except (TypeError, ValueError):  # pragma: no cover - default=str serialises anything
            return
        only_csp_errors(parser, text)


@given(st.lists(recon_payload_mutations(), min_size=1, max_size=3))
def test_recon_rows_let_only_csp_errors_escape(rows: list[dict[str, Any]]) -> None:
    only_csp_errors(parse_recon_rows, rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=sorted(rows[0]), extrasaction="ignore")
    writer.writeheader()
    writer.writerows({key: "" if value is None else str(value) for key, value in row.items()} for row in rows)
    only_csp_errors(parse_recon_rows, buffer.getvalue())


@given(st.one_of(st.text(max_size=200), st.binary(max_size=200), st.lists(st.text(max_size=40), max_size=5)))
def test_recon_text_lets_only_csp_errors_escape(payload: Any) -> None:
    only_csp_errors(parse_recon_rows, payload)


@given(recon_rows())
def test_generated_recon_rows_parse(row: dict[str, str]) -> None:
    (line,) = parse_recon_rows([row])
    assert line.total == line.subtotal + line.tax


@given(LINES)
def test_the_fast_row_path_agrees_with_the_careful_one(lines: list[ChargeLine]) -> None:
    """The second copy of each row is read from the fast path's caches, the first by the careful reader."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows([*lines, *lines]))
    assert parse_recon_rows(buffer.getvalue()) == (*lines, *lines)
