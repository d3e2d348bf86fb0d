"""Support: partner types, issues, plans, the escalation matrix, SLA clocks, offerings, communication.

>>> import datetime as dt
>>> from cspcore.support import Issue, PartnerProfile, route, BusinessHours, due_at
>>> r = route(Issue(kind="billing", product="azure"), partner=PartnerProfile(type="directBill"))
>>> r.handler.name, r.vehicle.name
('PARTNER', 'PARTNER_SUPPORT')

.. versionadded:: 0.1.0
"""

from typing import TYPE_CHECKING

from cspcore._lazy import attach

if TYPE_CHECKING:
    from cspcore.support.clock import ClockNotPaused, ClockPaused, SlaClock
    from cspcore.support.communication import (
        CommunicationRule,
        ContactDesignation,
        CustomerAction,
        CustomerDecision,
        Topic,
        communication_rule,
        customer_can,
        designate_support_contact,
        who_communicates,
    )
    from cspcore.support.hours import BusinessHours, business_time_between, due_at
    from cspcore.support.model import (
        Impact,
        Issue,
        IssueCategory,
        IssueKind,
        PartnerProfile,
        PartnerType,
        PlanScope,
        Product,
        Severity,
        SupportPlan,
    )
    from cspcore.support.offering import (
        ContactMethod,
        Pricing,
        PricingModel,
        SupportOffering,
        SupportProfile,
        SupportType,
        initial_response_due,
    )
    from cspcore.support.routing import FilerRole, Handler, Route, Step, Vehicle, escalation_matrix, route

__all__ = [
    "BusinessHours",
    "ClockNotPaused",
    "ClockPaused",
    "CommunicationRule",
    "ContactDesignation",
    "ContactMethod",
    "CustomerAction",
    "CustomerDecision",
    "FilerRole",
    "Handler",
    "Impact",
    "Issue",
    "IssueCategory",
    "IssueKind",
    "PartnerProfile",
    "PartnerType",
    "PlanScope",
    "Pricing",
    "PricingModel",
    "Product",
    "Route",
    "Severity",
    "SlaClock",
    "Step",
    "SupportOffering",
    "SupportPlan",
    "SupportProfile",
    "SupportType",
    "Topic",
    "Vehicle",
    "business_time_between",
    "communication_rule",
    "customer_can",
    "designate_support_contact",
    "due_at",
    "escalation_matrix",
    "initial_response_due",
    "route",
    "who_communicates",
]

# Each public name's submodule, imported on first use (PEP 562; see cspcore._lazy).
__getattr__, __dir__ = attach(
    __name__,
    {
        "clock": ("ClockNotPaused", "ClockPaused", "SlaClock"),
        "communication": (
            "CommunicationRule",
            "ContactDesignation",
            "CustomerAction",
            "CustomerDecision",
            "Topic",
            "communication_rule",
            "customer_can",
            "designate_support_contact",
            "who_communicates",
        ),
        "hours": ("BusinessHours", "business_time_between", "due_at"),
        "model": (
            "Impact",
            "Issue",
            "IssueCategory",
            "IssueKind",
            "PartnerProfile",
            "PartnerType",
            "PlanScope",
            "Product",
            "Severity",
            "SupportPlan",
        ),
        "offering": (
            "ContactMethod",
            "Pricing",
            "PricingModel",
            "SupportOffering",
            "SupportProfile",
            "SupportType",
            "initial_response_due",
        ),
        "routing": ("FilerRole", "Handler", "Route", "Step", "Vehicle", "escalation_matrix", "route"),
    },
)
