"""Product families: what each kind of product a partner sells allows, and what a cancellation refunds.

Partner Center sells more than license-based seats, and each family has its own cancellation and
quantity rules (``new-commerce-cancellation-policy.md``, the product table):

* **License-based** (per user): a full refund within 24 hours, a prorated one within seven days
  (72 hours before March 2022); seats may be removed within their own window; coterm allowed.
* **Software subscriptions**: a prorated refund within seven days, no seat reductions.
* **Perpetual software**: a full refund within 30 days of purchase.
* **Commercial marketplace SaaS**: a full refund within 24 hours (monthly) or 14 days (yearly),
  later 72 hours for every term; after the window the cancellation waits for the renewal.
* **Azure reservations**: no self-service refund in Partner Center; a prorated refund or an exchange
  goes through a support request.
* **Azure savings plans**: every purchase is final.

A :class:`FamilyPolicy` holds those facts, each with its :class:`~cspcore.explain.Source`;
:func:`family_policy` gives the version in force on a day and :func:`refund_quote` says what a
cancellation at a given instant would refund, and where a refund request goes once the window
has passed. This module does not rate anything: :func:`~cspcore.billing.rate` still rates
license-based subscriptions.

>>> import datetime as dt
>>> from cspcore.billing import ProductFamily, refund_quote
>>> bought = dt.datetime(2023, 5, 2, 9, tzinfo=dt.UTC)
>>> quote = refund_quote(
...     ProductFamily.PERPETUAL_SOFTWARE, purchased_at=bought, at=bought + dt.timedelta(days=29)
... )
>>> quote.kind.value, quote.deadline.isoformat()
('full', '2023-06-01T09:00:00+00:00')

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import types
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeAlias, TypeVar

import attrs

from cspcore import _validate
from cspcore.billing.terms import Term
from cspcore.billing.window_rules import (
    CANCELLATION_WINDOW_RULE,
    FULL_REFUND_RULE,
    NCE_LAUNCH,
    SEAT_REDUCTION_RULE,
)
from cspcore.enums import CspEnum
from cspcore.errors import RuleViolation
from cspcore.explain import Reason, Source
from cspcore.rules import RuleVersion, VersionedRule

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "FAMILY_RULES",
    "Fact",
    "FamilyPolicy",
    "FamilyRestriction",
    "ProductFamily",
    "ProductFamilySpelling",
    "RefundKind",
    "RefundRoute",
    "family_policy",
    "window_hours",
]

T = TypeVar("T")


class ProductFamily(CspEnum):
    """The kinds of product Partner Center sells, each with its own cancellation rules.

    >>> ProductFamily("marketplace saas") is ProductFamily.MARKETPLACE_SAAS
    True
    """

    LICENSE_BASED = "licenseBased"
    """New-commerce license-based (per user) subscriptions: Microsoft 365, Dynamics 365, ..."""
    SOFTWARE_SUBSCRIPTION = "softwareSubscription"
    """Software subscriptions (on-premises software sold by term)."""
    PERPETUAL_SOFTWARE = "perpetualSoftware"
    """Perpetual software (bought once, owned for ever)."""
    MARKETPLACE_SAAS = "marketplaceSaas"
    """Commercial marketplace SaaS offers from ISV publishers."""
    AZURE_RESERVATION = "azureReservation"
    """Azure reservations (reserved instances)."""
    AZURE_SAVINGS_PLAN = "azureSavingsPlan"
    """Azure savings plans for compute."""


#: The spellings of a :class:`ProductFamily` a constructor accepts besides the member: its value or name.
ProductFamilySpelling: TypeAlias = Literal[
    "licenseBased",
    "softwareSubscription",
    "perpetualSoftware",
    "marketplaceSaas",
    "azureReservation",
    "azureSavingsPlan",
    "LICENSE_BASED",
    "SOFTWARE_SUBSCRIPTION",
    "PERPETUAL_SOFTWARE",
    "MARKETPLACE_SAAS",
    "AZURE_RESERVATION",
    "AZURE_SAVINGS_PLAN",
]


class FamilyRestriction(RuleViolation):
    """A change the product family does not allow (e.g. removing seats of a software subscription).

    >>> issubclass(FamilyRestriction, RuleViolation)
    True
    """


class RefundKind(CspEnum):
    """What a cancellation now would refund.

    >>> RefundKind("none").name
    'NONE'
    """

    FULL = "full"
    """Everything charged for the purchase."""
    PRORATED = "prorated"
    """The unused part, prorated by day."""
    NONE = "none"
    """No self-service refund (see the quote's route)."""


class RefundRoute(CspEnum):
    """Where a refund request goes once the self-service window has passed.

    >>> RefundRoute.MICROSOFT_SUPPORT.value
    'microsoftSupport'
    """

    NONE = "none"
    """Nowhere: the purchase is billed in full (or a cancellation waits for the renewal)."""
    MICROSOFT_SUPPORT = "microsoftSupport"
    """A support request to Microsoft (Partner Center or the Azure portal)."""
    PUBLISHER = "publisher"
    """The product's publisher, not Microsoft (no family routes here on the pages cspcore cites)."""


@attrs.frozen(kw_only=True)
class Fact(Generic[T]):
    """One documented fact and where it is written.

    >>> Fact(value=True, source=Source(document="align-subscription-end-dates.md")).value
    True
    """

    value: T
    source: Source = attrs.field(validator=_validate.attrs_instance_of(Source))


#: The longest window a policy may state, in hours (three years).
_MAX_HOURS: Final = 24 * 366 * 3


def window_hours(value: object, field: str) -> int | None:
    """A window's length: ``None`` (no window) or 1 to :data:`_MAX_HOURS` hours."""
    return None if value is None else _validate.integer(value, field, minimum=1, maximum=_MAX_HOURS)


def _hours(_instance: object, attribute: attrs.Attribute[Any], value: Fact[int | None]) -> None:
    _validate.instance(value, Fact, attribute.name)
    window_hours(value.value, attribute.name)


def _flag(_instance: object, attribute: attrs.Attribute[Any], value: Fact[bool]) -> None:
    _validate.instance(value, Fact, attribute.name)
    _validate.flag(value.value, attribute.name)


def _route(_instance: object, attribute: attrs.Attribute[Any], value: Fact[RefundRoute]) -> None:
    _validate.instance(value, Fact, attribute.name)
    _validate.instance(value.value, RefundRoute, attribute.name)


def _optional_hours(
    instance: object, attribute: attrs.Attribute[Any], value: Fact[int | None] | None
) -> None:
    if value is not None:
        _hours(instance, attribute, value)


@attrs.frozen(kw_only=True)
class FamilyPolicy:
    """A product family's cancellation and quantity rules, each with its source.

    Windows are in hours from the purchase (or renewal), as in Partner Center's "self-serve
    cancellation window"; ``None`` means there is no such window.

    Args:
        family: The product family.
        full_refund: Hours within which a cancellation is refunded in full.
        full_refund_yearly: The same for terms of a year or more, where the page gives another
            figure (``None``: as ``full_refund``).
        prorated_refund: Hours within which a cancellation is refunded prorated by day.
        seat_reduction: Hours after seats were added within which they may be removed
            (``None``: seats may not be reduced).
        quantity_increase: Whether seats may be added to an existing purchase.
        coterm: Whether the end date may be aligned (coterminosity, calendar month).
        trials: Whether free trials exist in the family.
        after_window: Where a refund request goes once the windows have passed.
        conflicts: Reasons naming pages that state a rule otherwise (this policy follows ``source``
            of the fact concerned and carries the other page as a reason).

    >>> policy = family_policy(ProductFamily.SOFTWARE_SUBSCRIPTION, on=dt.date(2023, 7, 27))
    >>> policy.prorated_refund.value, policy.seat_reduction.value, policy.coterm.value
    (168, None, False)
    """

    family: ProductFamily = attrs.field(validator=_validate.attrs_instance_of(ProductFamily))
    full_refund: Fact[int | None] = attrs.field(validator=_hours)
    full_refund_yearly: Fact[int | None] | None = attrs.field(default=None, validator=_optional_hours)
    prorated_refund: Fact[int | None] = attrs.field(validator=_hours)
    seat_reduction: Fact[int | None] = attrs.field(validator=_hours)
    quantity_increase: Fact[bool] = attrs.field(validator=_flag)
    coterm: Fact[bool] = attrs.field(validator=_flag)
    trials: Fact[bool] = attrs.field(validator=_flag)
    after_window: Fact[RefundRoute] = attrs.field(validator=_route)
    conflicts: tuple[Reason, ...] = attrs.field(default=(), validator=_validate.attrs_items_of(tuple, Reason))

    def full_refund_for(self, term: Term | None) -> Fact[int | None]:
        """The full-refund window for ``term`` (``None``: a one-time purchase or any term).

        >>> saas = family_policy(ProductFamily.MARKETPLACE_SAAS, on=dt.date(2022, 6, 1))
        >>> saas.full_refund_for(Term.P1M).value, saas.full_refund_for(Term.P1Y).value
        (24, 336)
        """
        if term is not None and term is not Term.P1M and self.full_refund_yearly is not None:
            return self.full_refund_yearly
        return self.full_refund


# -- the facts, by page ----------------------------------------------------------------------------

_TABLE = "new-commerce-cancellation-policy.md"
_COTERM: Final = Source(document="align-subscription-end-dates.md", section="Coterminosity: things to know")
_TRIALS: Final = Source(
    document="offer-your-customers-trials-of-microsoft-products.md", section="Available trial offers"
)
_SEATS: Final = Source(
    document="create-a-new-subscription.md",
    section="Increase or decrease licenses in new commerce license-based subscriptions",
)
_TICKET: Final = Source(document="create-a-new-subscription.md", section="Cancel a subscription")
_SOFTWARE: Final = Source(
    document="csp-software-subscriptions.md", section="Seven-day subscription cancellation window"
)
_PERPETUAL: Final = Source(
    document="csp-software-subscriptions.md", section="30-day perpetual software cancellation window"
)
_SAAS_CSP: Final = Source(
    document="create-a-new-subscription.md", section="Cancel traditional license-based subscriptions"
)
_SAAS_72: Final = Source(
    document="new-commerce-cancellation-policy",
    section="SaaS: full refund within 72 hours",
    url="https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy",
    publisher="Microsoft Learn (2024+)",
)
_SAAS_TRIAL: Final = Source(
    document="common-billing-scenarios-saas.md", section="Cancel a free trial SaaS subscription"
)
_RESERVATIONS: Final = Source(
    document="azure-reservations-manage.md", section="Cancel or exchange a reservation"
)
_RESERVATION_REFUND: Final = Source(
    document="azure-reservations-manage.md", section="Request a refund or exchange on behalf of a customer"
)
_SAVINGS: Final = Source(
    document="articles/cost-management-billing/savings-plan/cancel-savings-plan.md",
    section="Azure saving plan cancellation policies",
    url="https://learn.microsoft.com/azure/cost-management-billing/savings-plan/cancel-savings-plan",
    publisher="Microsoft Learn (Azure, MicrosoftDocs/azure-docs)",
)
#: The day cspcore takes the 72-hour SaaS refund to apply from: an assumption (see the docs).
SAAS_72_HOURS_FROM: Final = dt.date(2023, 7, 28)


def _table(product: str) -> Source:
    return Source(document=_TABLE, section=f"{product} (product table)")


def _no(source: Source) -> Fact[bool]:
    return Fact(value=False, source=source)


def _license_based(window_hours: int, full_hours: int, reduction_days: int, source: Source) -> FamilyPolicy:
    return FamilyPolicy(
        family=ProductFamily.LICENSE_BASED,
        full_refund=Fact(value=full_hours, source=FULL_REFUND_RULE.current.source),
        prorated_refund=Fact(value=window_hours, source=source),
        seat_reduction=Fact(value=reduction_days * 24, source=_SEATS if reduction_days == 7 else source),
        quantity_increase=Fact(value=True, source=_SEATS),
        coterm=Fact(value=True, source=_COTERM),
        trials=Fact(value=True, source=_TRIALS),
        after_window=Fact(value=RefundRoute.NONE, source=_TICKET),
    )


def _license_based_rule() -> VersionedRule[FamilyPolicy]:
    """License-based policies built from the window rules of :mod:`cspcore.billing.windows`."""
    versions = []
    for window in CANCELLATION_WINDOW_RULE.versions:
        day = window.effective_from
        policy = _license_based(
            window.value, FULL_REFUND_RULE.at(day).value, SEAT_REDUCTION_RULE.at(day).value, window.source
        )
        versions.append(RuleVersion(effective_from=day, value=policy, source=window.source, note=window.note))
    return VersionedRule(name="license-based policy", versions=tuple(versions))


def _single(family: ProductFamily, policy: FamilyPolicy, source: Source) -> VersionedRule[FamilyPolicy]:
    return VersionedRule(
        name=f"{family.value} policy",
        versions=(RuleVersion(effective_from=NCE_LAUNCH, value=policy, source=source),),
    )


_SOFTWARE_POLICY: Final = FamilyPolicy(
    family=ProductFamily.SOFTWARE_SUBSCRIPTION,
    full_refund=Fact(value=None, source=_table("Software subscriptions")),
    prorated_refund=Fact(value=168, source=_SOFTWARE),
    seat_reduction=Fact(value=None, source=_table("Software subscriptions")),
    quantity_increase=_no(_table("Software subscriptions")),
    coterm=_no(_COTERM),
    trials=_no(_TRIALS),
    after_window=Fact(value=RefundRoute.NONE, source=_SOFTWARE),
    conflicts=(
        Reason(
            code="billing.family.conflicting_page",
            # "cancel an order within seven days and receive 100% credit", against the table's
            # and "Canceling a software subscription"'s prorated refund
            params={"document": "csp-software-subscriptions.md, Activate and manage software subscriptions"},
            source=Source(
                document="csp-software-subscriptions.md", section="Activate and manage software subscriptions"
            ),
        ),
    ),
)
_PERPETUAL_POLICY: Final = FamilyPolicy(
    family=ProductFamily.PERPETUAL_SOFTWARE,
    full_refund=Fact(value=30 * 24, source=_PERPETUAL),
    prorated_refund=Fact(value=None, source=_table("Perpetual software")),
    seat_reduction=Fact(value=None, source=Source(document="developer_cancel-software-purchases.md")),
    quantity_increase=_no(_table("Perpetual software")),
    coterm=_no(_COTERM),
    trials=_no(_TRIALS),
    after_window=Fact(value=RefundRoute.NONE, source=_PERPETUAL),
)


def _saas(full: int, yearly: int | None, source: Source) -> FamilyPolicy:
    return FamilyPolicy(
        family=ProductFamily.MARKETPLACE_SAAS,
        full_refund=Fact(value=full, source=source),
        full_refund_yearly=None if yearly is None else Fact(value=yearly, source=source),
        prorated_refund=Fact(value=None, source=_SAAS_CSP),
        seat_reduction=Fact(value=None, source=_table("Marketplace offers")),
        quantity_increase=Fact(value=True, source=_SAAS_CSP),
        coterm=_no(_COTERM),
        trials=Fact(value=True, source=_SAAS_TRIAL),
        after_window=Fact(value=RefundRoute.NONE, source=_SAAS_CSP),
    )


_NOTHING_SELF_SERVE: Final = Fact[int | None](value=None, source=_RESERVATIONS)
_RESERVATION_POLICY: Final = FamilyPolicy(
    family=ProductFamily.AZURE_RESERVATION,
    full_refund=_NOTHING_SELF_SERVE,
    prorated_refund=_NOTHING_SELF_SERVE,
    seat_reduction=Fact(value=None, source=_RESERVATIONS),
    quantity_increase=_no(_RESERVATIONS),
    coterm=_no(_COTERM),
    trials=_no(_TRIALS),
    after_window=Fact(value=RefundRoute.MICROSOFT_SUPPORT, source=_RESERVATION_REFUND),
)
_SAVINGS_POLICY: Final = FamilyPolicy(
    family=ProductFamily.AZURE_SAVINGS_PLAN,
    full_refund=Fact(value=None, source=_SAVINGS),
    prorated_refund=Fact(value=None, source=_SAVINGS),
    seat_reduction=Fact(value=None, source=_SAVINGS),
    quantity_increase=_no(_SAVINGS),
    coterm=_no(_COTERM),
    trials=_no(_TRIALS),
    after_window=Fact(value=RefundRoute.NONE, source=_SAVINGS),
)

#: Every family's policy as a rule by date (the policy in force for a purchase on a UTC day).
FAMILY_RULES: Final[Mapping[ProductFamily, VersionedRule[FamilyPolicy]]] = types.MappingProxyType(
    {
        ProductFamily.LICENSE_BASED: _license_based_rule(),
        ProductFamily.SOFTWARE_SUBSCRIPTION: _single(
            ProductFamily.SOFTWARE_SUBSCRIPTION, _SOFTWARE_POLICY, _SOFTWARE
        ),
        ProductFamily.PERPETUAL_SOFTWARE: _single(
            ProductFamily.PERPETUAL_SOFTWARE, _PERPETUAL_POLICY, _PERPETUAL
        ),
        ProductFamily.MARKETPLACE_SAAS: VersionedRule(
            name="marketplace SaaS policy",
            versions=(
                RuleVersion(
                    effective_from=dt.date(2021, 10, 1),
                    value=_saas(24, 14 * 24, _SAAS_CSP),
                    source=_SAAS_CSP,
                    note="'Since October 2021, the refund policy for ISV SaaS offers ... is now a full "
                    "refund and not prorated'; what applied before is not documented: no earlier version.",
                ),
                RuleVersion(
                    effective_from=SAAS_72_HOURS_FROM,
                    value=_saas(72, None, _SAAS_72),
                    source=_SAAS_72,
                    note="Assumed date: the last dated Partner Center table with 24 hours/14 days is of "
                    "2023-07-27; the 72-hour rule is on the 2024+ page. No source dates the change.",
                ),
            ),
            applies_before_first=False,
        ),
        ProductFamily.AZURE_RESERVATION: _single(
            ProductFamily.AZURE_RESERVATION, _RESERVATION_POLICY, _RESERVATIONS
        ),
        ProductFamily.AZURE_SAVINGS_PLAN: _single(
            ProductFamily.AZURE_SAVINGS_PLAN, _SAVINGS_POLICY, _SAVINGS
        ),
    }
)


def family_policy(family: ProductFamily | str, *, on: dt.date) -> FamilyPolicy:
    """The policy of ``family`` for a purchase on the UTC day ``on``.

    Args:
        family: A :class:`ProductFamily` (or its value or name).
        on: The UTC day of the purchase or renewal.

    Raises:
        InvalidInput: an unknown family (UNKNOWN_VALUE), a non-date (WRONG_TYPE), or a day before
            the family's documented rules begin (OUT_OF_RANGE: marketplace SaaS before October 2021).

    >>> family_policy("perpetual software", on=dt.date(2023, 1, 9)).full_refund.value
    720
    """
    member = _validate.enum_member(ProductFamily, family, "family")
    return FAMILY_RULES[member].at(on).value
