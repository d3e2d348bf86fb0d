"""The vocabulary of CSP support: partner types, plans, products, issues and severities.

The names live in two modules: :mod:`cspcore.support.partners` (partner types, support plans, the
products they cover, :class:`PartnerProfile`) and :mod:`cspcore.support.issues` (issue kinds and
categories, impact, severities, :class:`Issue`). This module re-exports every name it had; new code
imports them from :mod:`cspcore.support`.

>>> from cspcore.support.model import Issue, PartnerProfile
>>> PartnerProfile.__module__, Issue.__module__
('cspcore.support.partners', 'cspcore.support.issues')

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
    Split in :mod:`cspcore.support.partners` and :mod:`cspcore.support.issues`; every name is still
    importable from here.
"""

from cspcore.support.issues import (
    Impact,
    Issue,
    IssueCategory,
    IssueCategorySpelling,
    IssueKind,
    IssueKindSpelling,
    Severity,
    SeveritySpelling,
)
from cspcore.support.partners import (
    PartnerProfile,
    PartnerType,
    PartnerTypeSpelling,
    PlanScope,
    Product,
    ProductSpelling,
    SupportPlan,
    SupportPlanSpelling,
)

__all__ = [
    "Impact",
    "Issue",
    "IssueCategory",
    "IssueCategorySpelling",
    "IssueKind",
    "IssueKindSpelling",
    "PartnerProfile",
    "PartnerType",
    "PartnerTypeSpelling",
    "PlanScope",
    "Product",
    "ProductSpelling",
    "Severity",
    "SeveritySpelling",
    "SupportPlan",
    "SupportPlanSpelling",
]
