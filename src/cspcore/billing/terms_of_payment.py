"""Payment terms: when an invoice falls due.

Microsoft's invoices to CSP partners are due "net 60 days from the date of the invoice"
(``billing-basics.md``, "Payment terms"; also on page 1 of the CSP invoice,
``csp-commercial-marketplace-billing.md``). Microsoft sets no rules for the partner's own invoices to
its customers (``billing-basics.md``), so the partner's terms are a value it chooses.

>>> import datetime as dt
>>> from cspcore.billing import MICROSOFT_NET_60, PaymentTerms, due_date
>>> due_date(dt.date(2024, 2, 8), MICROSOFT_NET_60)
datetime.date(2024, 4, 8)
>>> due_date(dt.date(2024, 2, 8), PaymentTerms(net_days=30, end_of_month=True))
datetime.date(2024, 3, 30)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from cspcore import _validate
from cspcore.billing.invoices import Invoice
from cspcore.dates import add_days, last_day_of_month
from cspcore.errors import ErrorCode, InvalidInput

_LAST_ORDINAL: Final = dt.date.max.toordinal()  # 9999-12-31, the calendar's last day

__all__ = ["DUE_ON_RECEIPT", "MICROSOFT_NET_60", "PaymentTerms", "due_date", "with_due_date"]


def _net_days(value: int) -> int:
    return _validate.integer(value, "net_days", minimum=0, maximum=3660)


@attrs.frozen(kw_only=True)
class PaymentTerms:
    """How many days after the issue date an invoice is due.

    Args:
        net_days: Days after the issue date (or after the end of its month); 0 is due on receipt.
        end_of_month: Count from the last day of the issue month ("net 30 EOM") instead of the issue date.
        name: A label for the terms, for display.

    >>> PaymentTerms(net_days=14).net_days
    14
    """

    net_days: int = attrs.field(converter=_net_days)
    end_of_month: bool = attrs.field(default=False, validator=_validate.attrs_validator(_validate.flag))
    name: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(str))
    )


#: Microsoft's terms for CSP invoices: net 60 days from the invoice date (``billing-basics.md``).
MICROSOFT_NET_60: Final = PaymentTerms(net_days=60, name="net 60")
#: Due the day the invoice is issued.
DUE_ON_RECEIPT: Final = PaymentTerms(net_days=0, name="due on receipt")


def due_date(issued: dt.date, terms: PaymentTerms = MICROSOFT_NET_60) -> dt.date:
    """The date an invoice issued on ``issued`` falls due under ``terms``.

    Args:
        issued: The issue date.
        terms: The payment terms; Microsoft's net 60 by default.

    Returns:
        The due date (payment on that day is on time).

    Raises:
        InvalidInput: when ``issued`` is not a date, ``terms`` not :class:`PaymentTerms`, or the due
            date would fall after 9999-12-31 (naming ``issued``).

    >>> due_date(dt.date(2024, 12, 31), PaymentTerms(net_days=60))
    datetime.date(2025, 3, 1)
    """
    day = _validate.date(issued, "issued")
    chosen: PaymentTerms = _validate.instance(terms, PaymentTerms, "terms")
    base = last_day_of_month(day) if chosen.end_of_month else day
    if base.toordinal() + chosen.net_days > _LAST_ORDINAL:
        raise InvalidInput(
            "issued",
            f"net {chosen.net_days} from it falls after 9999-12-31",
            day,
            code=ErrorCode.OUT_OF_RANGE,
        )
    return add_days(base, chosen.net_days)


def with_due_date(invoice: Invoice, terms: PaymentTerms = MICROSOFT_NET_60) -> Invoice:
    """Return ``invoice`` with its ``due`` date set from its issue date and ``terms``.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> invoice = Invoice(id="G1", issued=dt.date(2024, 1, 8), currency="EUR", total_charges=Money(10, "EUR"))
    >>> with_due_date(invoice).due
    datetime.date(2024, 3, 8)
    """
    document: Invoice = _validate.instance(invoice, Invoice, "invoice")
    return attrs.evolve(document, due=due_date(document.issued, terms))
