"""Issues as a partner receives them: their kind, the categories only Microsoft can fix, severities.

Sources (Partner Center documentation, English mirror cited in ``cspcore.explain``):
``customer-support.md`` (obligations and the five categories only Microsoft can fix),
``provide-billing-support.md`` (the kinds of support a partner owes),
``report-problems-on-behalf-of-a-customer.md`` (severities and initial response times).

>>> from cspcore.support import Issue, Severity
>>> Severity.A.initial_response
datetime.timedelta(seconds=7200)
>>> Issue(kind="technical", product="azure", category="serviceUnavailable").needs_microsoft
True

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
    Moved from :mod:`cspcore.support.model`, which still re-exports every name.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal, TypeAlias

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.enums import CspEnum
from cspcore.support.partners import Product, ProductSpelling

__all__ = [
    "Impact",
    "Issue",
    "IssueCategory",
    "IssueCategorySpelling",
    "IssueKind",
    "IssueKindSpelling",
    "Severity",
    "SeveritySpelling",
]


class IssueKind(CspEnum):
    """The three kinds of support a CSP partner owes its customers (``provide-billing-support.md``).

    >>> IssueKind("subscriptionManagement").commercial
    True
    """

    BILLING = "billing"
    """Invoices, charges, payments, reconciliation."""
    SUBSCRIPTION_MANAGEMENT = "subscriptionManagement"
    """Buying, changing, cancelling, seats, quotas, provisioning."""
    TECHNICAL = "technical"
    """A service that does not work as expected."""

    @property
    def commercial(self) -> bool:
        """Whether the kind is a commercial (not technical) issue.

        >>> IssueKind.BILLING.commercial
        True
        """
        return self is not IssueKind.TECHNICAL


class IssueCategory(CspEnum):
    """The five categories of issue a partner must hand off to Microsoft (``customer-support.md``).

    >>> len(IssueCategory)
    5
    """

    UNDOCUMENTED_SERVICE_ISSUE = "undocumentedServiceIssue"
    """A service does not behave as its service description says, and nothing documents it."""
    SERVICE_UNAVAILABLE = "serviceUnavailable"
    """A service is unavailable."""
    BUG_OR_IRREGULARITY = "bugOrIrregularity"
    """A bug or other irregularity in how a service looks or works."""
    LARGE_SCALE_NETWORK_DISRUPTION = "largeScaleNetworkDisruption"
    """A large-scale network disruption."""
    REGIONAL_MULTITENANT_ISSUE = "regionalMultitenantIssue"
    """A regional issue that affects many tenants."""


class Impact(CspEnum):
    """Business impact as the service request form asks for it.

    >>> Severity.A.impact is Impact.CRITICAL
    True
    """

    CRITICAL = "critical"
    MODERATE = "moderate"
    MINIMAL = "minimal"


class Severity(CspEnum):
    """Severity of a technical break-fix incident, with Microsoft's initial response time.

    Values are the Partner Center API's ``ServiceRequest`` severities
    (``developer/service-request-resources.md``); the table is in
    ``report-problems-on-behalf-of-a-customer.md``, "How quickly will I get an initial response?".

    >>> Severity["B"].value, Severity("minimal").name
    ('moderate', 'C')
    """

    A = "critical"
    """Significant loss or degradation; production down. Initial response: two hours."""
    B = "moderate"
    """Moderate loss or degradation; production partly affected. Initial response: four hours."""
    C = "minimal"
    """Minimal loss; services available or only non-production affected. Initial response: eight hours."""

    @property
    def initial_response(self) -> dt.timedelta:
        """Microsoft's initial response time for English-language break-fix support.

        >>> Severity.C.initial_response.total_seconds() / 3600
        8.0
        """
        return _INITIAL_RESPONSE[self]

    @property
    def impact(self) -> Impact:
        """The business impact that selects this severity.

        >>> Severity.B.impact
        <Impact.MODERATE: 'moderate'>
        """
        return Impact(self.value)


_INITIAL_RESPONSE: Final = {
    Severity.A: dt.timedelta(hours=2),
    Severity.B: dt.timedelta(hours=4),
    Severity.C: dt.timedelta(hours=8),
}


#: The strings an :class:`IssueKind` may be given as (its values and names), for type checkers.
IssueKindSpelling: TypeAlias = Literal[
    "billing",
    "subscriptionManagement",
    "technical",
    "BILLING",
    "SUBSCRIPTION_MANAGEMENT",
    "TECHNICAL",
]


#: The strings an :class:`IssueCategory` may be given as (its values and names), for type checkers.
IssueCategorySpelling: TypeAlias = Literal[
    "undocumentedServiceIssue",
    "serviceUnavailable",
    "bugOrIrregularity",
    "largeScaleNetworkDisruption",
    "regionalMultitenantIssue",
    "UNDOCUMENTED_SERVICE_ISSUE",
    "SERVICE_UNAVAILABLE",
    "BUG_OR_IRREGULARITY",
    "LARGE_SCALE_NETWORK_DISRUPTION",
    "REGIONAL_MULTITENANT_ISSUE",
]


#: The strings a :class:`Severity` may be given as (its values and names), for type checkers.
SeveritySpelling: TypeAlias = Literal[
    "critical",
    "moderate",
    "minimal",
    "A",
    "B",
    "C",
]


def _kind(value: IssueKind | IssueKindSpelling) -> IssueKind:
    return _validate.enum_member(IssueKind, value, "kind")


def _product(value: Product | ProductSpelling) -> Product:
    return _validate.enum_member(Product, value, "product")


def _category(value: IssueCategory | IssueCategorySpelling | None) -> IssueCategory | None:
    return None if value is None else _validate.enum_member(IssueCategory, value, "category")


def _severity(value: Severity | SeveritySpelling | None) -> Severity | None:
    return None if value is None else _validate.enum_member(Severity, value, "severity")


_boolean = _validate.flag


@positional_deprecated("kind", "product")
@attrs.frozen(kw_only=True)
class Issue:
    """A customer's support request as the partner receives it.

    Args:
        kind: Billing, subscription management or technical.
        product: What it is about.
        category: One of the five categories that only Microsoft can fix, when it is one.
        severity: For technical break-fix incidents, the severity (A, B or C).
        escalate: ``True`` when the partner could not resolve it within baseline support.
        summary: An optional one-line description.

    >>> Issue(kind=IssueKind.TECHNICAL, product=Product.MICROSOFT365, severity="A").severity
    <Severity.A: 'critical'>
    """

    kind: IssueKind = attrs.field(converter=_kind)
    product: Product = attrs.field(converter=_product)
    category: IssueCategory | None = attrs.field(default=None, converter=_category)
    severity: Severity | None = attrs.field(default=None, converter=_severity)
    escalate: bool = attrs.field(default=False, validator=_validate.attrs_validator(_boolean))
    summary: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_validate.attrs_validator(_validate.text)),
    )

    @property
    def needs_microsoft(self) -> bool:
        """Whether Microsoft must act: one of the five categories, or an escalation.

        >>> Issue(kind="billing", product="azure", escalate=True).needs_microsoft
        True
        """
        return self.category is not None or self.escalate
