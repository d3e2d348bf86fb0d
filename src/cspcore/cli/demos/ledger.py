"""Demo section: the collections standing of a few sample accounts (for ``python -m cspcore demo``).

>>> print(demo(locale="en_US").splitlines()[0])
Collections standing on Mar 20, 2024 (policy: standard)
"""

from __future__ import annotations

import datetime as dt

from cspcore.billing.collections import STANDARD, evaluate
from cspcore.billing.invoices import Invoice, Ledger, Payment
from cspcore.billing.ledger import balance
from cspcore.cli.words import message
from cspcore.i18n import format_money, label, render
from cspcore.money import Money

__all__ = ["demo"]

_AS_OF = dt.date(2024, 3, 20)


def _invoice(key: str, month: int, amount: str) -> Invoice:
    issued = dt.date(2024, month, 8)
    return Invoice(
        id=key,
        issued=issued,
        due=issued + dt.timedelta(days=30),
        currency="EUR",
        total_charges=Money(amount, "EUR"),
    )


def _accounts() -> tuple[Ledger, ...]:
    return (
        Ledger(
            account_id="Contoso",
            invoices=(_invoice("C-01", 1, "1200.00"), _invoice("C-02", 2, "1200.00")),
            payments=(
                Payment(id="C-P1", amount=Money("1200.00", "EUR"), received=dt.date(2024, 2, 5)),
                Payment(id="C-P2", amount=Money("1200.00", "EUR"), received=dt.date(2024, 3, 6)),
            ),
        ),
        Ledger(
            account_id="Fabrikam",
            invoices=(_invoice("F-01", 1, "480.00"), _invoice("F-02", 2, "480.00")),
            payments=(Payment(id="F-P1", amount=Money("480.00", "EUR"), received=dt.date(2024, 3, 1)),),
        ),
        Ledger(
            account_id="Northwind",
            invoices=(_invoice("N-01", 1, "2500.00"), _invoice("N-02", 2, "2500.00")),
        ),
    )


def demo(*, locale: str) -> str:
    """A short text: each sample account's balance, stage, actions and reasons in ``locale``.

    >>> "Northwind" in demo(locale="ja_JP")
    True
    """
    lines = [message("cli.demo.ledger.title", locale=locale, date=_AS_OF, policy=STANDARD.name)]
    for ledger in _accounts():
        standing = evaluate(STANDARD, ledger, as_of=_AS_OF)
        owed = format_money(balance(ledger, as_of=_AS_OF), locale=locale)
        stage = standing.stage.name if standing.stage is not None else "-"
        actions = ", ".join(label(action, locale=locale) for action in standing.actions) or "-"
        lines.append(f"{ledger.account_id}: {owed} | {stage} | {actions}")
        lines.extend(f"  - {render(reason, locale=locale)}" for reason in standing.reasons)
    return "\n".join(lines)
