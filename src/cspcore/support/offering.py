"""What a partner tells its customers about its support, and the support profile they see.

A CSP partner may resell, outsource or run its support, and may charge for all or part of it; it
must tell customers "the types of support you provide, the service hours, contact method, and the
pricing if you're charging for support" (``customer-support.md``; the same duty is in
``provide-billing-support.md`` in every seed language). :class:`SupportOffering` cannot be built
without those four facts. The customer sees the partner's support contact from its
``SupportProfile`` (``developer/profile-resources.md``: ``email``, ``telephone``, ``website``).

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.support import (
...     BusinessHours,
...     ContactMethod,
...     Issue,
...     Pricing,
...     SupportOffering,
...     SupportType,
...     initial_response_due,
... )
>>> offering = SupportOffering(
...     support_types=set(SupportType),
...     hours=BusinessHours.from_weekdays("Europe/Prague", dt.time(8), dt.time(16)),
...     contact_methods={ContactMethod.EMAIL, ContactMethod.TELEPHONE},
...     languages=("cs", "en"),
...     pricing=Pricing.included(),
... )
>>> received = dt.datetime(2024, 3, 8, 15, 0, tzinfo=dt.UTC)  # Friday 16:00 in Prague
>>> initial_response_due(
...     Issue(kind="technical", product="microsoft365", severity="B"), received, offering
... ).isoformat()
'2024-03-11T11:00:00+00:00'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
from collections.abc import Mapping
from typing import Final, Literal, TypeAlias, TypeVar

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money
from cspcore.support._hours_args import check_hours, check_target
from cspcore.support.business_hours import BusinessHours
from cspcore.support.business_time import due_at
from cspcore.support.model import Issue, IssueKind, IssueKindSpelling, Severity, SeveritySpelling

__all__ = [
    "ContactMethod",
    "ContactMethodSpelling",
    "Pricing",
    "PricingModel",
    "PricingModelSpelling",
    "SupportOffering",
    "SupportProfile",
    "SupportType",
    "SupportTypeSpelling",
    "initial_response_due",
]


class SupportType(CspEnum):
    """The kinds of support a CSP partner owes its customers (``provide-billing-support.md``).

    >>> sorted(t.value for t in SupportType)
    ['billing', 'subscriptionManagement', 'technical']
    """

    BILLING = "billing"
    SUBSCRIPTION_MANAGEMENT = "subscriptionManagement"
    TECHNICAL = "technical"


class ContactMethod(CspEnum):
    """How customers reach the partner's support.

    >>> ContactMethod("telephone").name
    'TELEPHONE'
    """

    EMAIL = "email"
    TELEPHONE = "telephone"
    WEBSITE = "website"
    CHAT = "chat"
    PORTAL = "portal"


class PricingModel(CspEnum):
    """How the partner charges for support.

    >>> PricingModel("perIncident").name
    'PER_INCIDENT'
    """

    INCLUDED = "included"
    """No separate charge."""
    PER_INCIDENT = "perIncident"
    PER_HOUR = "perHour"
    MONTHLY = "monthly"
    PER_USER_MONTHLY = "perUserMonthly"


#: The strings a :class:`SupportType` may be given as (its values and names), for type checkers: the
#: three kinds of support are the three kinds of issue, spelled alike.
SupportTypeSpelling: TypeAlias = IssueKindSpelling


#: The strings a :class:`ContactMethod` may be given as (its values and names), for type checkers.
ContactMethodSpelling: TypeAlias = Literal[
    "email",
    "telephone",
    "website",
    "chat",
    "portal",
    "EMAIL",
    "TELEPHONE",
    "WEBSITE",
    "CHAT",
    "PORTAL",
]


#: The strings a :class:`PricingModel` may be given as (its values and names), for type checkers.
PricingModelSpelling: TypeAlias = Literal[
    "included",
    "perIncident",
    "perHour",
    "monthly",
    "perUserMonthly",
    "INCLUDED",
    "PER_INCIDENT",
    "PER_HOUR",
    "MONTHLY",
    "PER_USER_MONTHLY",
]


def _model(value: PricingModel | PricingModelSpelling) -> PricingModel:
    return _validate.enum_member(PricingModel, value, "model")


@attrs.frozen(kw_only=True)
class Pricing:
    """The price of support, as told to customers.

    Args:
        model: How it is charged.
        price: The price per unit of ``model``; required unless support is included.

    >>> from cspcore import Money
    >>> Pricing(model=PricingModel.PER_INCIDENT, price=Money("49", "EUR")).price
    Money('49', 'EUR')
    >>> Pricing(model="perIncident")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: price: charged support must state its price (got None)
    """

    model: PricingModel = attrs.field(converter=_model)
    price: Money | None = None

    def __attrs_post_init__(self) -> None:
        if self.model is PricingModel.INCLUDED:
            if self.price is not None:
                raise InvalidInput(
                    "price", "included support has no price", self.price, code=ErrorCode.NOT_ALLOWED
                )
            return
        if self.price is None:
            raise InvalidInput(
                "price", "charged support must state its price", self.price, code=ErrorCode.MISSING
            )
        _validate.instance(self.price, Money, "price")
        if self.price.amount <= 0:
            raise InvalidInput("price", "must be positive", self.price, code=ErrorCode.OUT_OF_RANGE)

    @classmethod
    def included(cls) -> Pricing:
        """Support at no separate charge.

        >>> Pricing.included().model
        <PricingModel.INCLUDED: 'included'>
        """
        return cls(model=PricingModel.INCLUDED)


E = TypeVar("E", bound=enum.Enum)


def _members(cls: type[E], value: object, field: str) -> frozenset[E]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (set, frozenset, list, tuple)):
        raise InvalidInput(field, f"expected a set of {cls.__name__}", value, code=ErrorCode.WRONG_TYPE)
    members = frozenset(_validate.enum_member(cls, item, field) for item in value)
    if not members:
        raise InvalidInput(
            field, "customers must be told at least one; the set is empty", value, code=ErrorCode.EMPTY
        )
    return members


def _support_types(
    value: tuple[SupportType | SupportTypeSpelling, ...]
    | list[SupportType | SupportTypeSpelling]
    | set[SupportType | SupportTypeSpelling]
    | frozenset[SupportType | SupportTypeSpelling],
) -> frozenset[SupportType]:
    return _members(SupportType, value, "support_types")


def _contact_methods(
    value: tuple[ContactMethod | ContactMethodSpelling, ...]
    | list[ContactMethod | ContactMethodSpelling]
    | set[ContactMethod | ContactMethodSpelling]
    | frozenset[ContactMethod | ContactMethodSpelling],
) -> frozenset[ContactMethod]:
    return _members(ContactMethod, value, "contact_methods")


def _round_the_clock(
    given: tuple[Severity | SeveritySpelling, ...]
    | list[Severity | SeveritySpelling]
    | set[Severity | SeveritySpelling]
    | frozenset[Severity | SeveritySpelling],
) -> frozenset[Severity]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (set, frozenset, list, tuple)) and not value:
        return frozenset()
    return _members(Severity, value, "round_the_clock")


def _pricing(_instance: object, _attribute: object, value: Pricing) -> None:
    _validate.instance(value, Pricing, "pricing")


def _positive(_instance: object, attribute: attrs.Attribute[dt.timedelta], value: dt.timedelta) -> None:
    _target(value, attribute.name)


def _languages(given: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InvalidInput(
            "languages", "expected a sequence of language codes", value, code=ErrorCode.WRONG_TYPE
        )
    checked = tuple(_validate.text(item, "languages", max_length=35) for item in value)
    if not checked:
        raise InvalidInput("languages", "name at least one language of support", value, code=ErrorCode.EMPTY)
    return checked


def _targets(given: Mapping[Severity | SeveritySpelling, dt.timedelta]) -> Mapping[Severity, dt.timedelta]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if not isinstance(value, Mapping):
        raise InvalidInput(
            "targets", "expected a mapping Severity -> timedelta", value, code=ErrorCode.WRONG_TYPE
        )
    found = {Severity(s.value): s.initial_response for s in Severity}
    seen: set[Severity] = set()
    for key, target in value.items():
        severity = _validate.enum_member(Severity, key, "targets")
        if severity in seen:  # two spellings of one severity ("A" and "critical"): which target is meant?
            raise InvalidInput(
                f"targets[{severity.name}]",
                "this severity is given twice (under two of its spellings)",
                key,
                code=ErrorCode.DUPLICATE,
            )
        seen.add(severity)
        found[severity] = _target(target, f"targets[{severity.name}]")
    return types.MappingProxyType(dict(sorted(found.items(), key=lambda item: item[0].name)))


def _target(value: object, field: str) -> dt.timedelta:
    """A response target: a positive ``timedelta`` no longer than the whole calendar."""
    if isinstance(value, dt.timedelta) and value <= dt.timedelta(0):
        raise InvalidInput(field, "expected a positive timedelta", value, code=ErrorCode.OUT_OF_RANGE)
    return check_target(value, field)


def _hours_field(_instance: object, _attribute: object, value: BusinessHours | None) -> None:
    check_hours(value)


@positional_deprecated("support_types", "hours", "contact_methods", "languages", "pricing")
@attrs.frozen(kw_only=True)
class SupportOffering:
    """The support a partner offers its customers, with what it must tell them.

    Args:
        support_types: The support types provided (at least one).
        hours: The service hours, or ``None`` for round the clock (24x7).
        contact_methods: How customers reach support (at least one).
        languages: The languages support is given in (at least one).
        pricing: The price, or :meth:`Pricing.included`.
        targets: Initial response target per severity; missing severities default to
            Microsoft's own 2/4/8 hours (``report-problems-on-behalf-of-a-customer.md``). Each is
            a positive ``timedelta`` no longer than the whole calendar; kept as a read-only mapping.
            A severity given twice, under two of its spellings (``"A"`` and ``"critical"``), is
            refused (``targets[A]``, code ``duplicate``) rather than one of its targets dropped.
        round_the_clock: Severities whose targets count calendar time rather than ``hours``
            (Zendesk's per-priority choice of calendar or business hours).
        unresolved_kind_target: The initial response target for issues without a severity
            (Microsoft allows "up to one business day" for non-break-fix incidents).

    Raises:
        InvalidInput: A missing disclosure (empty support types, contact methods or languages),
            or a malformed field.

    >>> offering = SupportOffering(
    ...     support_types={"technical"},
    ...     hours=None,
    ...     contact_methods={"email"},
    ...     languages=("ja",),
    ...     pricing=Pricing.included(),
    ... )
    >>> offering.targets[Severity.A], offering.hours is None
    (datetime.timedelta(seconds=7200), True)
    """

    support_types: frozenset[SupportType] = attrs.field(converter=_support_types)
    hours: BusinessHours | None = attrs.field(validator=_hours_field)
    contact_methods: frozenset[ContactMethod] = attrs.field(converter=_contact_methods)
    languages: tuple[str, ...] = attrs.field(converter=_languages)
    pricing: Pricing = attrs.field(validator=_pricing)
    targets: Mapping[Severity, dt.timedelta] = attrs.field(factory=dict, converter=_targets, hash=False)
    round_the_clock: frozenset[Severity] = attrs.field(factory=frozenset, converter=_round_the_clock)
    unresolved_kind_target: dt.timedelta = attrs.field(default=dt.timedelta(hours=8), validator=_positive)

    @property
    def missing_obligations(self) -> frozenset[SupportType]:
        """Support types a CSP partner owes its customers but this offering leaves out.

        The partner owns billing questions (``provide-billing-support.md``), subscription purchases
        and changes (``customer-support.md``), and technical support within baseline boundaries;
        leaving one out means someone else (a provider, an outsourcer) must cover it.

        >>> import datetime as dt
        >>> SupportOffering(
        ...     support_types={SupportType.TECHNICAL},
        ...     hours=None,
        ...     contact_methods={ContactMethod.EMAIL},
        ...     languages=("en",),
        ...     pricing=Pricing.included(),
        ... ).missing_obligations == {SupportType.BILLING, SupportType.SUBSCRIPTION_MANAGEMENT}
        True
        """
        return frozenset(SupportType) - self.support_types


def initial_response_due(issue: Issue, received_at: dt.datetime, offering: SupportOffering) -> dt.datetime:
    """When the partner's initial response to ``issue`` is due under ``offering``.

    A technical issue with a severity uses that severity's target (round the clock when the
    offering says so for it, otherwise within the offering's hours); anything else uses
    :attr:`SupportOffering.unresolved_kind_target` in business hours.

    Raises:
        InvalidInput: Wrong types or a naive ``received_at``.

    >>> import datetime as dt
    >>> from cspcore.support import Issue
    >>> offering = SupportOffering(
    ...     support_types={"technical"},
    ...     hours=None,
    ...     contact_methods={"email"},
    ...     languages=("en",),
    ...     pricing=Pricing.included(),
    ... )
    >>> received = dt.datetime(2024, 1, 6, 23, 0, tzinfo=dt.UTC)
    >>> initial_response_due(
    ...     Issue(kind="technical", product="azure", severity="B"), received, offering
    ... ).isoformat()
    '2024-01-07T03:00:00+00:00'
    """
    checked = _validate.instance(issue, Issue, "issue")
    terms = _validate.instance(offering, SupportOffering, "offering")
    if checked.kind is IssueKind.TECHNICAL and checked.severity is not None:
        target = terms.targets[checked.severity]
        hours = None if checked.severity in terms.round_the_clock else terms.hours
        return due_at(received_at, target, hours=hours)
    return due_at(received_at, terms.unresolved_kind_target, hours=terms.hours)


_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS: Final = re.compile(r"^\+?[0-9 ()./-]+$")
_WEBSITE: Final = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$", re.IGNORECASE)


def _email(value: str | None) -> str | None:
    if value is None:
        return None
    text = _validate.text(value, "email", max_length=254).strip()
    if not _EMAIL.match(text):
        raise InvalidInput("email", "not an email address", value, code=ErrorCode.MALFORMED)
    return text


def _telephone(value: str | None) -> str | None:
    if value is None:
        return None
    text = _validate.text(value, "telephone", max_length=40).strip()
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE_CHARS.match(text) or not 6 <= digits <= 15:
        raise InvalidInput(
            "telephone",
            "not a telephone number (6 to 15 digits, optional +)",
            value,
            code=ErrorCode.MALFORMED,
        )
    return text


def _website(value: str | None) -> str | None:
    if value is None:
        return None
    text = _validate.text(value, "website", max_length=2048).strip()
    if not _WEBSITE.match(text):
        raise InvalidInput("website", "not an http(s) address", value, code=ErrorCode.MALFORMED)
    return text


@positional_deprecated("email", "telephone", "website")
@attrs.frozen(kw_only=True)
class SupportProfile:
    """The partner's customer support profile (``developer/profile-resources.md``, SupportProfile).

    Customers see it in the Microsoft 365 admin center when they look for support
    (``customer-support.md``). Each field is optional, but a profile must give at least one way to
    reach support.

    >>> SupportProfile(email="support@contoso.example", telephone="+420 800 123 456").website is None
    True
    >>> SupportProfile(email="not an address")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: email: not an email address (got 'not an address')
    """

    email: str | None = attrs.field(default=None, converter=_email)
    telephone: str | None = attrs.field(default=None, converter=_telephone)
    website: str | None = attrs.field(default=None, converter=_website)

    def __attrs_post_init__(self) -> None:
        if self.email is None and self.telephone is None and self.website is None:
            raise InvalidInput(
                "profile",
                "give at least one of email, telephone, website",
                None,
                show_value=False,
                code=ErrorCode.MISSING,
            )

    @property
    def contact_methods(self) -> frozenset[ContactMethod]:
        """The contact methods the profile provides.

        >>> sorted(m.value for m in SupportProfile(website="https://contoso.example/help").contact_methods)
        ['website']
        """
        present = {
            ContactMethod.EMAIL: self.email,
            ContactMethod.TELEPHONE: self.telephone,
            ContactMethod.WEBSITE: self.website,
        }
        return frozenset(method for method, value in present.items() if value is not None)
