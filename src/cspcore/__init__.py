"""cspcore: the domain rules a Microsoft Cloud Solution Provider partner lives by.

The top level holds what every area shares: :class:`Money` and its :class:`Rounding` modes,
:func:`allocate`, the errors, and :class:`Reason`. The areas live in subpackages:
:mod:`cspcore.billing`, :mod:`cspcore.roles`, :mod:`cspcore.support`, :mod:`cspcore.interop`,
:mod:`cspcore.i18n`.

>>> import cspcore
>>> cspcore.Money("19.99", "EUR").round()
Money('19.99', 'EUR')
"""

from typing import TYPE_CHECKING

from cspcore._lazy import attach

if TYPE_CHECKING:
    from cspcore.errors import CspError, CurrencyMismatch, ErrorCode, InvalidInput, RuleViolation
    from cspcore.explain import Reason, Source
    from cspcore.money import Money, Rounding, allocate, total

__version__ = "0.1.0"

__all__ = [
    "CspError",
    "CurrencyMismatch",
    "ErrorCode",
    "InvalidInput",
    "Money",
    "Reason",
    "Rounding",
    "RuleViolation",
    "Source",
    "__version__",
    "allocate",
    "total",
]

# Each public name's submodule, imported on first use (PEP 562; see cspcore._lazy).
__getattr__, __dir__ = attach(
    __name__,
    {
        "errors": ("CspError", "CurrencyMismatch", "ErrorCode", "InvalidInput", "RuleViolation"),
        "explain": ("Reason", "Source"),
        "money": ("Money", "Rounding", "allocate", "total"),
    },
)
