"""portfolio_from_dict: whole portfolios read from plain data, and every refusal's path and code."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import CreditNote, Invoice, Ledger, Payment
from cspcore.billing.portfolio import Account, Portfolio, cycles_left, portfolio_from_dict, sample_portfolio
from cspcore.errors import CurrencyMismatch, ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date


def account(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "contoso",
        "currency": "EUR",
        "monthly_cost": "120",
        "term_end": "2024-12-31",
        "invoices": [{"id": "INV-1", "issued": "2024-01-08", "due": "2024-02-07", "total": "145.20"}],
        "payments": [{"id": "P-1", "amount": "100", "received": "2024-02-20"}],
        "credit_notes": [{"id": "C-1", "amount": "5", "issued": "2024-02-21"}],
    }
    data.update(changes)
    return data


def read(**changes: Any) -> Account:
    portfolio = portfolio_from_dict({"accounts": [account(**changes)]})
    assert len(portfolio.accounts) == 1
    return portfolio.accounts[0]


def refusal(data: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        portfolio_from_dict(data)  # type: ignore[arg-type]
    return caught.value


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


# -- what is read ----------------------------------------------------------------------------------


def test_an_account_is_read_whole_with_every_document_field() -> None:
    data = account(
        invoices=[
            {"id": "INV-1", "issued": "2024-01-08", "due": "2024-02-07", "total": "145.20", "disputed": True},
            {"id": "INV-2", "issued": D(2024, 2, 8), "total": 30},
        ],
        payments=[{"id": "P-1", "amount": "100", "received": "2024-02-20", "invoice_id": "INV-2"}],
        credit_notes=[{"id": "C-1", "amount": "5.50", "issued": "2024-02-21", "invoice_id": "INV-1"}],
    )
    expected = Portfolio(
        accounts=(
            Account(
                id="contoso",
                ledger=Ledger(
                    invoices=(
                        Invoice(
                            id="INV-1",
                            issued=D(2024, 1, 8),
                            due=D(2024, 2, 7),
                            currency="EUR",
                            total_charges=eur("145.20"),
                            disputed=True,
                        ),
                        Invoice(id="INV-2", issued=D(2024, 2, 8), currency="EUR", total_charges=eur("30")),
                    ),
                    payments=(
                        Payment(id="P-1", amount=eur("100"), received=D(2024, 2, 20), invoice_id="INV-2"),
                    ),
                    credit_notes=(
                        CreditNote(id="C-1", amount=eur("5.50"), issued=D(2024, 2, 21), invoice_id="INV-1"),
                    ),
                ),
                monthly_cost=eur("120"),
                term_end=D(2024, 12, 31),
            ),
        )
    )
    assert portfolio_from_dict({"accounts": [data]}) == expected


def test_an_invoice_is_undisputed_unless_it_says_so() -> None:
    assert read().ledger.invoices[0].disputed is False
    flagged = {"id": "I", "issued": "2024-01-08", "total": "1", "disputed": True}
    assert read(invoices=[flagged]).ledger.invoices[0].disputed is True


def test_an_account_without_subscription_costs_has_no_exposure() -> None:
    plain = portfolio_from_dict({"accounts": [{"id": "a", "currency": "EUR"}]}).accounts[0]
    assert Account(id="a", ledger=Ledger()) == plain
    assert plain.exposure(D(2024, 1, 1)) is None


def test_missing_document_lists_are_empty() -> None:
    data = account()
    for key in ("invoices", "payments", "credit_notes"):
        del data[key]
    assert portfolio_from_dict({"accounts": [data]}).accounts[0].ledger == Ledger()


def test_an_empty_account_list_is_an_empty_portfolio() -> None:
    assert Portfolio(accounts=()) == portfolio_from_dict({"accounts": []})


def test_accounts_keep_their_order_and_currency() -> None:
    portfolio = portfolio_from_dict(
        {"accounts": [account(id="b", currency="CZK"), account(id="a", currency="CZK")]}
    )
    assert [a.id for a in portfolio.accounts] == ["b", "a"]
    assert portfolio.currency == "CZK"
    assert portfolio.accounts[0].ledger.payments[0].amount == Money("100", "CZK")


# -- what is refused, by path ----------------------------------------------------------------------


def test_a_portfolio_that_is_not_a_table_is_refused() -> None:
    error = refusal([])
    assert (error.field, error.code, error.value) == ("portfolio", ErrorCode.WRONG_TYPE, [])


def test_unknown_top_level_keys_are_refused_by_name() -> None:
    error = refusal({"accounts": [], "owner": "me"})
    assert (error.field, error.code, error.value) == ("owner", ErrorCode.UNKNOWN_VALUE, "owner")


@pytest.mark.parametrize(
    ("accounts", "code"),
    [("x", ErrorCode.WRONG_TYPE), (None, ErrorCode.MISSING), ({"id": "a"}, ErrorCode.WRONG_TYPE)],
)
def test_accounts_that_are_not_a_list_of_tables_are_refused(accounts: object, code: ErrorCode) -> None:
    data = {} if accounts is None else {"accounts": accounts}
    error = refusal(data)
    assert (error.field, error.code, error.value) == ("accounts", code, accounts)


def test_a_missing_or_unknown_currency_is_refused_at_its_path() -> None:
    error = refusal({"accounts": [{"id": "a"}]})
    assert (error.field, error.code) == ("accounts[0].currency", ErrorCode.MISSING)
    error = refusal({"accounts": [account(currency=7)]})
    assert (error.field, error.code, error.value) == ("accounts[0].currency", ErrorCode.WRONG_TYPE, 7)
    # refused even where no amount uses it
    error = refusal({"accounts": [{"id": "a", "currency": "EURO"}]})
    assert (error.field, error.code, error.value) == ("accounts[0].currency", ErrorCode.UNKNOWN_VALUE, "EURO")


INVOICE = {"id": "I", "issued": "2024-01-08", "total": "1"}
PAYMENT = {"id": "P", "amount": "1", "received": "2024-01-08"}
NOTE = {"id": "C", "amount": "1", "issued": "2024-01-08"}
FLOAT = ErrorCode.WRONG_TYPE
NOT_ISO = ErrorCode.MALFORMED
UNKNOWN = ErrorCode.UNKNOWN_VALUE
LIST = ErrorCode.WRONG_TYPE


@pytest.mark.parametrize(
    ("changes", "field", "code", "value"),
    [
        ({"monthly_cost": 120.0}, "accounts[0].monthly_cost", FLOAT, 120.0),
        ({"term_end": "2024-02-30"}, "accounts[0].term_end", NOT_ISO, "2024-02-30"),
        ({"term_end": None}, "accounts[0].term_end", None, None),  # monthly_cost and term_end go together
        ({"invoices": "none"}, "accounts[0].invoices", LIST, "none"),
        ({"invoices": [{**INVOICE, "total": 1.5}]}, "accounts[0].invoices[0].total", FLOAT, 1.5),
        (
            {"invoices": [{**INVOICE, "issued": "8.1.2024"}]},
            "accounts[0].invoices[0].issued",
            NOT_ISO,
            "8.1.2024",
        ),
        ({"invoices": [{**INVOICE, "due": "soon"}]}, "accounts[0].invoices[0].due", NOT_ISO, "soon"),
        ({"invoices": [{**INVOICE, "id": ""}]}, "accounts[0].invoices[0].id", ErrorCode.EMPTY, ""),
        ({"invoices": [{**INVOICE, "vat": 1}]}, "accounts[0].invoices[0].vat", UNKNOWN, "vat"),
        ({"payments": "none"}, "accounts[0].payments", LIST, "none"),
        ({"payments": [{**PAYMENT, "amount": 1.5}]}, "accounts[0].payments[0].amount", FLOAT, 1.5),
        (
            {"payments": [{**PAYMENT, "received": "2024-13-01"}]},
            "accounts[0].payments[0].received",
            NOT_ISO,
            "2024-13-01",
        ),
        ({"payments": [{**PAYMENT, "bank": "x"}]}, "accounts[0].payments[0].bank", UNKNOWN, "bank"),
        ({"payments": [PAYMENT, PAYMENT]}, "accounts[0].payments", None, "P"),  # the ledger's own check
        ({"credit_notes": "none"}, "accounts[0].credit_notes", LIST, "none"),
        ({"credit_notes": [{**NOTE, "amount": 2.5}]}, "accounts[0].credit_notes[0].amount", FLOAT, 2.5),
        (
            {"credit_notes": [{**NOTE, "issued": 3}]},
            "accounts[0].credit_notes[0].issued",
            ErrorCode.WRONG_TYPE,
            3,
        ),
        ({"credit_notes": [{**NOTE, "id": ""}]}, "accounts[0].credit_notes[0].id", ErrorCode.EMPTY, ""),
        (
            {"credit_notes": [{**NOTE, "reason": "x"}]},
            "accounts[0].credit_notes[0].reason",
            UNKNOWN,
            "reason",
        ),
    ],
)
def test_a_bad_value_is_refused_naming_its_path_code_and_value(
    changes: dict[str, Any], field: str, code: ErrorCode | None, value: object
) -> None:
    error = refusal({"accounts": [account(**changes)]})
    assert (error.field, error.value) == (field, value)
    if code is not None:
        assert error.code == code


def test_a_toml_datetime_is_refused_where_a_date_is_expected() -> None:
    moment = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC)
    error = refusal({"accounts": [account(invoices=[{**INVOICE, "issued": moment}])]})
    assert (error.field, error.code) == ("accounts[0].invoices[0].issued", ErrorCode.WRONG_TYPE)


def test_duplicate_account_ids_are_refused() -> None:
    error = refusal({"accounts": [account(id="a"), account(id="a")]})
    assert (error.field, error.value) == ("accounts", "a")


# -- accounts, portfolios and the sample generator -------------------------------------------------


def plain_refusal(call: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value


def test_a_term_end_without_a_monthly_cost_is_refused_naming_the_date() -> None:
    error = plain_refusal(lambda: Account(id="a", ledger=Ledger(), term_end=D(2024, 12, 31)))
    assert (error.field, error.code, error.value) == (
        "term_end",
        ErrorCode.INCONSISTENT,
        D(2024, 12, 31),
    )


def test_cycles_left_refuses_what_is_not_a_date_naming_the_argument() -> None:
    error = plain_refusal(lambda: cycles_left("2024-01-01", D(2024, 12, 31)))  # type: ignore[arg-type]
    assert (error.field, error.code) == ("day", ErrorCode.WRONG_TYPE)
    error = plain_refusal(lambda: cycles_left(D(2024, 1, 1), "2024-12-31"))  # type: ignore[arg-type]
    assert (error.field, error.code) == ("term_end", ErrorCode.WRONG_TYPE)


@pytest.mark.parametrize(
    ("accounts", "field", "code"),
    [
        (None, "accounts", ErrorCode.WRONG_TYPE),
        ("a", "accounts", ErrorCode.WRONG_TYPE),
        ({1}, "accounts", ErrorCode.WRONG_TYPE),
    ],
)
def test_a_portfolio_refuses_accounts_that_are_not_a_tuple(
    accounts: Any, field: str, code: ErrorCode
) -> None:
    error = plain_refusal(lambda: Portfolio(accounts=accounts))
    assert (error.field, error.code, error.value) == (field, code, accounts)


def test_a_portfolio_refuses_an_item_that_is_not_an_account_naming_its_position() -> None:
    error = plain_refusal(lambda: Portfolio(accounts=[Account(id="a", ledger=Ledger()), "b"]))  # type: ignore[list-item]
    assert (error.field, error.code) == ("accounts[1]", ErrorCode.WRONG_TYPE)


def test_a_portfolio_names_the_first_duplicate_account_id() -> None:
    def acct(key: str) -> Account:
        return Account(id=key, ledger=Ledger())

    error = plain_refusal(lambda: Portfolio(accounts=(acct("a"), acct("b"), acct("b"))))
    assert (error.field, error.code, error.value) == ("accounts", ErrorCode.DUPLICATE, "b")


def test_a_portfolio_in_two_currencies_is_refused_naming_them() -> None:
    def acct(key: str, currency: str) -> Account:
        return Account(
            id=key,
            ledger=Ledger(payments=(Payment(id="P", amount=Money(1, currency), received=D(2024, 1, 1)),)),
        )

    error = plain_refusal(lambda: Portfolio(accounts=(acct("a", "USD"), acct("e", "EUR"), acct("u", "USD"))))
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("accounts", "EUR", "USD")


def test_the_sample_portfolio_defaults_are_those_of_its_signature() -> None:
    assert sample_portfolio() == sample_portfolio(
        seed=2024, accounts=50, invoices=12, start=D(2024, 1, 8), currency="EUR"
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"seed": "7"}, ErrorCode.WRONG_TYPE),
        ({"accounts": -1}, ErrorCode.OUT_OF_RANGE),
        ({"accounts": 1_000_001}, ErrorCode.OUT_OF_RANGE),
        ({"accounts": 2.0}, ErrorCode.WRONG_TYPE),
        ({"invoices": -1}, ErrorCode.OUT_OF_RANGE),
        ({"invoices": 121}, ErrorCode.OUT_OF_RANGE),
        ({"invoices": None}, ErrorCode.WRONG_TYPE),
        ({"start": "2024-01-08"}, ErrorCode.WRONG_TYPE),
    ],
)
def test_the_sample_portfolio_refuses_bad_arguments_by_name(changes: dict[str, Any], code: ErrorCode) -> None:
    error = plain_refusal(lambda: sample_portfolio(**changes))
    assert (error.field, error.code) == (next(iter(changes)), code)


def test_the_sample_portfolio_takes_zero_invoices_and_up_to_ten_years_of_them() -> None:
    empty = sample_portfolio(seed=1, accounts=2, invoices=0)
    assert [a.ledger for a in empty.accounts] == [
        Ledger(account_id="A00000"),
        Ledger(account_id="A00001"),
    ]
    decade = sample_portfolio(seed=1, accounts=1, invoices=120)
    assert decade.accounts[0].ledger.invoices[-1].issued == D(2033, 12, 8)


def test_a_payment_only_one_day_late_may_be_split_in_two_as_well() -> None:
    # About a quarter of late payments come in two parts, one day late included.
    split = 0
    for account in sample_portfolio(seed=2024, accounts=400).accounts:
        parts: dict[str | None, list[Payment]] = {}
        for payment in account.ledger.payments:
            parts.setdefault(payment.invoice_id, []).append(payment)
        for sent in account.ledger.invoices:
            paid = parts.get(sent.id, [])
            assert sent.due is not None
            if paid and min(p.received for p in paid) == sent.due + dt.timedelta(days=1):
                split += len(paid) == 2
    assert split > 0
