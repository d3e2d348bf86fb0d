"""``parse_invoices`` returns every document of a collection once, under the document it amends.

A top-level document whose ``amendsOf`` names a document of the collection sits in that document's
``amendments``, however deep the chain: a credit note of a credit note of an invoice is found
under the first note, never dropped because its own document was moved. What cannot be placed is
refused rather than lost or doubled: two documents of one id (``items[i].id``, ``duplicate``: an
amendment would be attached to both, and counted twice), and documents that amend each other round
a circle (``items[i].amendsOf``, ``inconsistent``: none of them is the invoice, so all would vanish).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import parse_invoices

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cspcore.billing import Invoice


def _document(number: int, amends: int | None = None, total: int = 100) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": f"G{number}", "invoiceDate": "2024-02-08", "totalCharges": total, "currencyCode": "EUR",
    }  # fmt: skip
    if amends is not None:
        document.update(amendsOf=f"G{amends}", documentType="credit_note")
    return document


def _placed(invoices: tuple[Invoice, ...], parent: str | None = None) -> Iterator[tuple[str, str | None]]:
    """Each document of the tree and the id of the document it sits under."""
    for invoice in invoices:
        yield invoice.id, parent
        yield from _placed(invoice.amendments, invoice.id)


def test_a_note_of_a_note_sits_under_the_note_it_amends() -> None:
    invoices = parse_invoices([_document(1), _document(2, 1, -10), _document(3, 2, -5)])
    assert list(_placed(invoices)) == [("G1", None), ("G2", "G1"), ("G3", "G2")]


def test_a_chain_listed_backwards_is_placed_the_same() -> None:
    invoices = parse_invoices([_document(3, 2, -5), _document(2, 1, -10), _document(1)])
    assert list(_placed(invoices)) == [("G1", None), ("G2", "G1"), ("G3", "G2")]


def test_two_documents_of_one_id_are_refused_naming_the_second() -> None:
    with raises_invalid(field="items[1].id", code=ErrorCode.DUPLICATE) as caught:
        parse_invoices([_document(1), _document(1, total=200), _document(2, 1, -10)])
    assert caught.value.value == "G1"


def test_documents_that_amend_each_other_are_refused_naming_the_first() -> None:
    with raises_invalid(field="items[0].amendsOf", code=ErrorCode.INCONSISTENT):
        parse_invoices([_document(1, 2), _document(2, 1)])
    with raises_invalid(field="items[1].amendsOf", code=ErrorCode.INCONSISTENT):
        parse_invoices([_document(9), _document(1, 3), _document(2, 1), _document(3, 2)])


def test_a_chain_deeper_than_nested_amendments_may_be_is_refused() -> None:
    chain = [_document(0), *(_document(number, number - 1, -1) for number in range(1, 34))]
    with raises_invalid(field="items[33].amendsOf", code=ErrorCode.TOO_LONG):
        parse_invoices(chain)
    assert len(list(_placed(parse_invoices(chain[:33])))) == 33


@given(st.lists(st.integers(min_value=-1, max_value=30), max_size=12), st.randoms(use_true_random=False))
@example([-1, 0, 1], None)  # a chain: G2 amends G1, which amends G0
@example([1, -1, 0], None)
def test_every_document_is_placed_once_under_the_document_it_amends(choices: list[int], shuffle: Any) -> None:
    # document n amends one listed before it in the chosen order (or none): no circles
    amends = {
        number: (choice % number if number and choice >= 0 else None) for number, choice in enumerate(choices)
    }
    documents = [_document(number, amends[number]) for number in amends]
    if shuffle is not None:
        shuffle.shuffle(documents)
    placed = dict(_placed(parse_invoices(documents)))
    assert len(list(_placed(parse_invoices(documents)))) == len(documents)
    assert placed == {f"G{n}": None if a is None else f"G{a}" for n, a in amends.items()}
