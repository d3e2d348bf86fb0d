"""Access decisions and least-privilege advice, compared whole: every field and every reason.

A decision's reasons name the rule (code), the roles in a fixed order (params) and the page (source);
least-privilege advice names each covering role, the tasks it covers, and why. Bad input names its
field, its problem and the value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pytest

import cspcore.roles
from cspcore import ErrorCode, InvalidInput, Reason, Source
from cspcore.roles import (
    Decision,
    DefaultPermission,
    EntraRole,
    GdapTask,
    LeastPrivilege,
    PartnerRole,
    Task,
    can,
    least_privileged,
    roles_for,
)

if TYPE_CHECKING:
    from collections.abc import Callable

#: The package, untyped, so that the tables below can pass ill-typed arguments.
loose: Any = cspcore.roles
P = PartnerRole
E = EntraRole
G = GdapTask
TASK_VALUES = ", ".join(task.value for task in Task)
OVERVIEW = Source(document="permissions-overview.md", section="User roles, permissions, and workspace access")
OVERRIDE = Source(document="permissions-overview.md", section="Manage CSP commercial transactions")
TABLE = Source(document="gdap-least-privileged-roles-by-task.md", section="Least-privileged role by task")
MODEL = Source(
    document="permissions-reference",
    section="Microsoft Entra built-in roles",
    url="https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference",
    publisher="Microsoft Entra",
)


def page(document: str) -> Source:
    return Source(document=document, section="Appropriate roles")


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (
            lambda: loose.can([[1]], Task.VIEW_INVOICES),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.can((None,), G.USERS_CREATE_USER),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.can(3, Task.VIEW_INVOICES),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.can(None, G.USERS_CREATE_USER),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: can({"Root"}, Task.VIEW_INVOICES),
            "roles",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: can({P.GLOBAL_ADMIN}, "teleport"),
            "task",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: loose.can({P.GLOBAL_ADMIN}, 7),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.can(frozenset(), None),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.least_privileged(3),
            "tasks",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.least_privileged(None),
            "tasks",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.least_privileged([3]),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: least_privileged(["viewInvoices", "nothing"]),
            "task",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: least_privileged("nothing"),
            "task",
            ErrorCode.UNKNOWN_VALUE,
        ),
    ],
)
def test_bad_input_names_the_field_the_problem_and_the_value(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (field, code) == (caught.value.field, caught.value.code)


class TestPartnerDecisions:
    def test_a_grant_names_the_granting_roles_in_role_order(self) -> None:
        decision = can({P.SALES_AGENT, P.BILLING_ADMIN, P.ADMIN_AGENT}, Task.VIEW_INVOICES)
        expected = Decision(
            is_allowed=True,
            task=Task.VIEW_INVOICES,
            roles=frozenset({P.SALES_AGENT, P.BILLING_ADMIN, P.ADMIN_AGENT}),
            granted_by=frozenset({P.BILLING_ADMIN, P.ADMIN_AGENT}),
            would_allow=frozenset({P.GLOBAL_ADMIN, P.BILLING_ADMIN, P.ADMIN_AGENT}),
            reasons=(
                Reason(
                    code="roles.can.granted",
                    params={"task": Task.VIEW_INVOICES, "roles": (P.ADMIN_AGENT, P.BILLING_ADMIN)},
                    source=page("read-your-bill.md"),
                ),
                *(
                    Reason(
                        code="roles.task.pages_disagree",
                        params={
                            "task": Task.VIEW_INVOICES,
                            "page": "read-your-bill.md",
                            "page_roles": (P.GLOBAL_ADMIN, P.ADMIN_AGENT, P.BILLING_ADMIN),
                            "other_page": other,
                            "other_roles": other_roles,
                        },
                        source=page(other),
                    )
                    for other, other_roles in (
                        (
                            "understand-your-invoice.md",
                            (
                                P.GLOBAL_ADMIN,
                                P.ADMIN_AGENT,
                                P.SALES_AGENT,
                                P.BILLING_ADMIN,
                                P.USER_MANAGEMENT_ADMIN,
                            ),
                        ),
                        ("understand-invoice-terms.md", (P.GLOBAL_ADMIN, P.MPN_PARTNER_ADMIN)),
                    )
                ),
            ),
        )
        assert expected == decision

    def test_every_role_asking_lists_every_granting_role_in_role_order(self) -> None:
        decision = can(list(reversed(P)), Task.CREATE_PARTNER_SUPPORT_TICKET)
        granting = tuple(P)
        expected = Reason(
            code="roles.can.granted",
            params={"task": Task.CREATE_PARTNER_SUPPORT_TICKET, "roles": granting},
            source=page("report-problems-with-partner-center.md"),
        )
        assert (expected, True, frozenset(granting)) == (
            decision.reasons[0],
            decision.is_allowed,
            decision.granted_by,
        )

    def test_a_denial_lists_the_asking_and_the_allowed_roles_in_role_order(self) -> None:
        roles = {P.REFERRALS_USER, P.HELPDESK_AGENT, P.SALES_AGENT}
        expected = Decision(
            is_allowed=False,
            task=Task.REQUEST_CREDIT,
            roles=frozenset(roles),
            granted_by=frozenset(),
            would_allow=frozenset({P.ADMIN_AGENT, P.GLOBAL_ADMIN}),
            reasons=(
                Reason(
                    code="roles.can.denied",
                    params={
                        "task": Task.REQUEST_CREDIT,
                        "roles": (P.SALES_AGENT, P.HELPDESK_AGENT, P.REFERRALS_USER),
                        "allowed": (P.GLOBAL_ADMIN, P.ADMIN_AGENT),
                    },
                    source=page("request-credit.md"),
                ),
            ),
        )
        assert expected == can(roles, "requestCredit")

    def test_no_roles_are_denied_and_a_page_that_overrides_the_overview_says_so(self) -> None:
        expected = Decision(
            is_allowed=False,
            task=Task.VIEW_PRICING,
            roles=frozenset(),
            granted_by=frozenset(),
            would_allow=frozenset(
                {P.GLOBAL_ADMIN, P.USER_MANAGEMENT_ADMIN, P.ADMIN_AGENT, P.MPN_PARTNER_ADMIN, P.SALES_AGENT}
                | {P.BILLING_ADMIN}
            ),
            reasons=(
                Reason(code="roles.can.no_roles", params={"task": Task.VIEW_PRICING}, source=OVERVIEW),
                Reason(
                    code="roles.can.page_over_overview",
                    params={
                        "task": Task.VIEW_PRICING,
                        "page": "pricing-and-offers.md",
                        "page_roles": (
                            P.GLOBAL_ADMIN,
                            P.ADMIN_AGENT,
                            P.SALES_AGENT,
                            P.BILLING_ADMIN,
                            P.USER_MANAGEMENT_ADMIN,
                            P.MPN_PARTNER_ADMIN,
                        ),
                        "overview_roles": (P.GLOBAL_ADMIN, P.ADMIN_AGENT, P.SALES_AGENT, P.BILLING_ADMIN),
                    },
                    source=OVERRIDE,
                ),
            ),
        )
        assert expected == can([], Task.VIEW_PRICING)

    def test_a_grant_by_a_page_that_overrides_the_overview_gives_both_reasons(self) -> None:
        expected = (
            Reason(
                code="roles.can.granted",
                params={"task": Task.MANAGE_SUBSCRIPTIONS, "roles": (P.BILLING_ADMIN,)},
                source=page("create-a-new-subscription.md"),
            ),
            Reason(
                code="roles.can.page_over_overview",
                params={
                    "task": Task.MANAGE_SUBSCRIPTIONS,
                    "page": "create-a-new-subscription.md",
                    "page_roles": (
                        P.GLOBAL_ADMIN,
                        P.ADMIN_AGENT,
                        P.SALES_AGENT,
                        P.HELPDESK_AGENT,
                        P.BILLING_ADMIN,
                    ),
                    "overview_roles": (P.ADMIN_AGENT, P.SALES_AGENT, P.HELPDESK_AGENT),
                },
                source=OVERRIDE,
            ),
        )
        assert expected == can(P.BILLING_ADMIN, Task.MANAGE_SUBSCRIPTIONS).reasons

    def test_a_denial_by_a_page_that_overrides_the_overview_gives_both_reasons(self) -> None:
        codes = [r.code for r in can({P.REPORT_VIEWER}, Task.CREATE_CUSTOMER).reasons]
        assert codes == ["roles.can.denied", "roles.can.page_over_overview"]

    @pytest.mark.parametrize(
        ("roles", "task", "source"),
        [
            (
                {P.ACCOUNT_ADMIN},
                Task.MANAGE_LOCATIONS,
                "Manage Microsoft AI Cloud Partner Program membership",
            ),
            ({P.INCENTIVES_USER}, Task.INITIATE_INCENTIVE_CLAIMS, "Manage incentives"),
            ({P.GLOBAL_ADMIN}, Task.CANCEL_AZURE_SUBSCRIPTION, "Manage CSP commercial transactions"),
        ],
    )
    def test_a_task_without_a_page_cites_its_row_of_the_overview(
        self, roles: set[PartnerRole], task: Task, source: str
    ) -> None:
        expected = (
            Reason(
                code="roles.can.granted",
                params={"task": task, "roles": tuple(roles)},
                source=Source(document="permissions-overview.md", section=source),
            ),
        )
        assert expected == can(roles, task).reasons

    @pytest.mark.parametrize(
        ("task", "role"),
        [
            (Task.DOWNLOAD_RECON_FILES, P.BILLING_ADMIN),
            (Task.REQUEST_GDAP, P.ADMIN_AGENT),
        ],
    )
    def test_a_page_that_agrees_with_the_overview_gives_one_reason(
        self, task: Task, role: PartnerRole
    ) -> None:
        codes = [[r.code for r in can(roles, task).reasons] for roles in (role, P.REPORT_VIEWER, ())]
        assert codes == [["roles.can.granted"], ["roles.can.denied"], ["roles.can.no_roles"]]

    @pytest.mark.parametrize(
        "spelling", ["VIEW_INVOICES", "viewinvoices", "view_invoices", Task.VIEW_INVOICES]
    )
    def test_a_task_may_be_named_by_value_or_member_name(self, spelling: str | Task) -> None:
        assert can({P.BILLING_ADMIN}, Task.VIEW_INVOICES) == can({"billing ADMIN"}, spelling)


class TestGdapDecisions:
    def test_a_grant_that_includes_the_tables_role_cites_the_table(self) -> None:
        roles = {E.PASSWORD_ADMINISTRATOR, E.GUEST_INVITER, E.USER_ADMINISTRATOR}
        task = G.USERS_RESET_PASSWORD_FOR_NONADMIN
        expected = Decision(
            is_allowed=True,
            task=task,
            roles=frozenset(roles),
            granted_by=frozenset({E.PASSWORD_ADMINISTRATOR, E.USER_ADMINISTRATOR}),
            would_allow=frozenset(
                {
                    E.GLOBAL_ADMINISTRATOR,
                    E.PASSWORD_ADMINISTRATOR,
                    E.HELPDESK_ADMINISTRATOR,
                    E.AUTHENTICATION_ADMINISTRATOR,
                    E.USER_ADMINISTRATOR,
                    E.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
                }
            ),
            reasons=(
                Reason(
                    code="roles.gdap.granted",
                    params={"task": task, "roles": (E.USER_ADMINISTRATOR, E.PASSWORD_ADMINISTRATOR)},
                    source=TABLE,
                ),
            ),
        )
        assert expected == can(roles, task)

    @pytest.mark.parametrize(
        ("role", "task"),
        [
            (E.USER_ADMINISTRATOR, G.USERS_RESET_PASSWORD_FOR_NONADMIN),
            (E.GROUPS_ADMINISTRATOR, G.GROUPS_UPDATE_GROUP_OWNERS),
            (E.GLOBAL_ADMINISTRATOR, G.USERS_CREATE_GUEST_USER),
        ],
    )
    def test_a_grant_by_another_role_cites_the_entra_reference(self, role: EntraRole, task: GdapTask) -> None:
        expected = (Reason(code="roles.gdap.granted", params={"task": task, "roles": (role,)}, source=MODEL),)
        assert expected == can({role}, task).reasons

    def test_a_denial_lists_the_asking_and_the_allowed_roles_in_role_order(self) -> None:
        roles = [E.GUEST_INVITER, E.DIRECTORY_READERS]
        expected = Decision(
            is_allowed=False,
            task=G.USERS_CREATE_USER,
            roles=frozenset(roles),
            granted_by=frozenset(),
            would_allow=frozenset({E.GLOBAL_ADMINISTRATOR, E.DIRECTORY_WRITERS, E.USER_ADMINISTRATOR}),
            reasons=(
                Reason(
                    code="roles.gdap.denied",
                    params={
                        "task": G.USERS_CREATE_USER,
                        "roles": (E.DIRECTORY_READERS, E.GUEST_INVITER),
                        "allowed": (E.GLOBAL_ADMINISTRATOR, E.DIRECTORY_WRITERS, E.USER_ADMINISTRATOR),
                    },
                    source=MODEL,
                ),
            ),
        )
        assert expected == can(roles, "users_create_user")

    def test_no_roles_are_denied_citing_the_table(self) -> None:
        task = G.LICENSES_REVOKE_LICENSE
        expected = Decision(
            is_allowed=False,
            task=task,
            roles=frozenset(),
            granted_by=frozenset(),
            would_allow=roles_for(task),
            reasons=(Reason(code="roles.can.no_roles", params={"task": task}, source=TABLE),),
        )
        assert expected == can([], task)

    @pytest.mark.parametrize("spelling", ["USERS_CREATE_USER", "users_create_user", G.USERS_CREATE_USER])
    def test_a_gdap_task_may_be_named_by_its_member_name(self, spelling: str | GdapTask) -> None:
        decision = can("User administrator", spelling)
        assert (decision.is_allowed, decision.task) == (True, G.USERS_CREATE_USER)


def covered(task: Task, role: PartnerRole, document: str) -> Reason:
    return Reason(code="roles.least.covered_by", params={"task": task, "role": role}, source=page(document))


def table_role(task: GdapTask, role: EntraRole) -> Reason:
    return Reason(code="roles.least.table_role", params={"task": task, "role": role}, source=TABLE)


def without_ranking(advice: LeastPrivilege) -> LeastPrivilege:
    """The advice without its ranking, which test_least_privileged_explains_its_choice.py checks."""
    return attrs.evolve(advice, ranking=())


class TestLeastPrivileged:
    def test_no_tasks_need_nothing(self) -> None:
        assert LeastPrivilege(tasks=frozenset(), roles=frozenset(), covers=(), reasons=()) == without_ranking(
            least_privileged([])
        )

    def test_one_gdap_task_gets_the_tables_role_even_when_the_model_knows_a_lesser_one(self) -> None:
        task = G.GROUPS_READ_MEMBERSHIP_OF_GROUPS_WITH_HIDDEN_MEMBERSHIP
        expected = LeastPrivilege(
            tasks=frozenset({task}),
            roles=frozenset({E.HELPDESK_ADMINISTRATOR}),
            covers=((E.HELPDESK_ADMINISTRATOR, (task,)),),
            reasons=(table_role(task, E.HELPDESK_ADMINISTRATOR),),
        )
        assert expected == without_ranking(least_privileged(task))

    def test_one_gdap_task_for_global_administrator_says_it_is_needed(self) -> None:
        task = G.USERS_UPDATE_USER_SETTINGS
        expected = LeastPrivilege(
            tasks=frozenset({task}),
            roles=frozenset({E.GLOBAL_ADMINISTRATOR}),
            covers=((E.GLOBAL_ADMINISTRATOR, (task,)),),
            reasons=(
                Reason(
                    code="roles.least.global_admin_needed",
                    params={"role": E.GLOBAL_ADMINISTRATOR, "tasks": (task,)},
                    source=TABLE,
                ),
                table_role(task, E.GLOBAL_ADMINISTRATOR),
            ),
        )
        assert expected == without_ranking(least_privileged("USERS_UPDATE_USER_SETTINGS"))

    @pytest.mark.parametrize(
        ("task", "permission", "role"),
        [
            (G.USERS_READ_BASIC_CONFIGURATION, DefaultPermission.DEFAULT_USER_ROLE, E.DIRECTORY_READERS),
            (G.GROUPS_READ_HIDDEN_MEMBERSHIP, DefaultPermission.GROUP_MEMBER, E.GROUPS_ADMINISTRATOR),
            (G.GROUPS_UPDATE_GROUP_OWNERS, DefaultPermission.GROUP_OWNER, E.GROUPS_ADMINISTRATOR),
        ],
    )
    def test_a_default_permission_is_replaced_by_the_least_privileged_entra_role(
        self, task: GdapTask, permission: DefaultPermission, role: EntraRole
    ) -> None:
        expected = LeastPrivilege(
            tasks=frozenset({task}),
            roles=frozenset({role}),
            covers=((role, (task,)),),
            reasons=(
                Reason(
                    code="roles.least.default_permission",
                    params={"task": task, "permission": permission, "role": role},
                    source=TABLE,
                ),
            ),
        )
        assert expected == without_ranking(least_privileged([task]))

    def test_global_administrator_covers_every_task_once_one_needs_it(self) -> None:
        tasks = [
            G.USERS_UPDATE_USER_SETTINGS,
            G.USERS_CREATE_USER,
            G.USERS_UPDATE_USER_PRINCIPAL_NAME_FOR_PRIVILEGED_ADMIN,
        ]
        ga = E.GLOBAL_ADMINISTRATOR
        ordered = (tasks[1], tasks[2], tasks[0])
        expected = LeastPrivilege(
            tasks=frozenset(tasks),
            roles=frozenset({ga}),
            covers=((ga, ordered),),
            reasons=(
                Reason(
                    code="roles.least.global_admin_needed",
                    params={"role": ga, "tasks": ordered[1:]},
                    source=TABLE,
                ),
                Reason(code="roles.least.covered_by", params={"task": tasks[1], "role": ga}, source=MODEL),
                table_role(tasks[2], ga),
                table_role(tasks[0], ga),
            ),
        )
        assert expected == without_ranking(least_privileged(tasks))

    def test_partner_global_admin_is_proposed_only_for_what_nobody_else_can_do(self) -> None:
        tasks = [
            Task.REQUEST_GDAP,
            Task.CANCEL_AZURE_SUBSCRIPTION,
            Task.VIEW_INVOICES,
            Task.DOWNLOAD_RECON_FILES,
        ]
        ga, aa = P.GLOBAL_ADMIN, P.ADMIN_AGENT
        expected = LeastPrivilege(
            tasks=frozenset(tasks),
            roles=frozenset({ga, aa}),
            covers=(
                (ga, (Task.DOWNLOAD_RECON_FILES, Task.CANCEL_AZURE_SUBSCRIPTION)),
                (aa, (Task.VIEW_INVOICES, Task.REQUEST_GDAP)),
            ),
            reasons=(
                Reason(
                    code="roles.least.global_admin_needed",
                    params={"role": ga, "tasks": (Task.CANCEL_AZURE_SUBSCRIPTION,)},
                    source=OVERRIDE,
                ),
                covered(Task.DOWNLOAD_RECON_FILES, ga, "use-the-reconciliation-files.md"),
                covered(Task.VIEW_INVOICES, aa, "read-your-bill.md"),
                covered(Task.REQUEST_GDAP, aa, "gdap-obtain-admin-permissions-to-manage-customer.md"),
                Reason(
                    code="roles.least.covered_by",
                    params={"task": Task.CANCEL_AZURE_SUBSCRIPTION, "role": ga},
                    source=Source(
                        document="permissions-overview.md", section="Manage CSP commercial transactions"
                    ),
                ),
            ),
        )
        assert expected == without_ranking(least_privileged(tasks))

    def test_two_lesser_roles_are_preferred_to_global_admin_when_nothing_needs_it(self) -> None:
        advice = least_privileged([Task.DOWNLOAD_RECON_FILES, Task.MANAGE_CUSTOMER_USERS])
        assert frozenset({P.BILLING_ADMIN, P.ADMIN_AGENT}) == advice.roles
        assert [r.code for r in advice.reasons] == ["roles.least.covered_by", "roles.least.covered_by"]

    def test_among_equally_small_partner_sets_the_one_with_the_lesser_top_role_wins(self) -> None:
        # {Helpdesk agent, Billing admin} and {Sales agent, Admin agent} both cover the three tasks;
        # Billing admin is less privileged than Admin agent.
        tasks = (Task.PROVIDE_BILLING_SUPPORT, Task.ASSIGN_SUPPORT_CONTACT, Task.VIEW_INVOICES)
        ha, ba = P.HELPDESK_AGENT, P.BILLING_ADMIN
        expected = LeastPrivilege(
            tasks=frozenset(tasks),
            roles=frozenset({ha, ba}),
            covers=(
                (ha, (Task.ASSIGN_SUPPORT_CONTACT, Task.PROVIDE_BILLING_SUPPORT)),
                (ba, (Task.VIEW_INVOICES,)),
            ),
            reasons=(
                covered(Task.VIEW_INVOICES, ba, "read-your-bill.md"),
                covered(Task.ASSIGN_SUPPORT_CONTACT, ha, "assign-support-contacts.md"),
                covered(Task.PROVIDE_BILLING_SUPPORT, ha, "provide-billing-support.md"),
            ),
        )
        assert expected == without_ranking(least_privileged(tasks))

    def test_among_equally_small_entra_sets_the_one_with_the_lesser_top_role_wins(self) -> None:
        # {Authentication, User administrator} and {Groups, Privileged authentication administrator}
        # both cover the three tasks; User administrator is the less privileged top role.
        tasks = (G.USERS_UPDATE_AUTHENTICATION_METHODS, G.USERS_DELETE_USER, G.USERS_ADD_USER_TO_GROUP)
        ua, auth = E.USER_ADMINISTRATOR, E.AUTHENTICATION_ADMINISTRATOR
        expected = LeastPrivilege(
            tasks=frozenset(tasks),
            roles=frozenset({ua, auth}),
            covers=((ua, (G.USERS_ADD_USER_TO_GROUP, G.USERS_DELETE_USER)), (auth, (tasks[0],))),
            reasons=(
                table_role(G.USERS_ADD_USER_TO_GROUP, ua),
                table_role(G.USERS_DELETE_USER, ua),
                table_role(G.USERS_UPDATE_AUTHENTICATION_METHODS, auth),
            ),
        )
        assert expected == without_ranking(least_privileged(iter(tasks)))

    def test_a_default_permission_among_several_tasks_is_explained_as_such(self) -> None:
        tasks = [G.GROUPS_UPDATE_GROUP_OWNERS, G.GROUPS_CREATE_GROUP]
        ga = E.GROUPS_ADMINISTRATOR
        expected = (
            table_role(G.GROUPS_CREATE_GROUP, ga),
            Reason(
                code="roles.least.default_permission",
                params={
                    "task": G.GROUPS_UPDATE_GROUP_OWNERS,
                    "permission": DefaultPermission.GROUP_OWNER,
                    "role": ga,
                },
                source=TABLE,
            ),
        )
        assert expected == least_privileged(tasks).reasons

    def test_a_role_beyond_the_table_cites_the_entra_reference(self) -> None:
        tasks = [G.USERS_RESET_PASSWORD_FOR_NONADMIN, G.USERS_CREATE_USER]
        ua = E.USER_ADMINISTRATOR
        expected = (
            table_role(G.USERS_CREATE_USER, ua),
            Reason(
                code="roles.least.covered_by",
                params={"task": G.USERS_RESET_PASSWORD_FOR_NONADMIN, "role": ua},
                source=MODEL,
            ),
        )
        assert expected == least_privileged(tasks).reasons

    def test_partner_and_gdap_tasks_get_both_kinds_of_roles_partner_first(self) -> None:
        tasks: list[Task | GdapTask] = [G.SUPPORT_SUBMIT_SUPPORT_TICKET, Task.REQUEST_GDAP]
        ssa, aa = E.SERVICE_SUPPORT_ADMINISTRATOR, P.ADMIN_AGENT
        expected = LeastPrivilege(
            tasks=frozenset(tasks),
            roles=frozenset({ssa, aa}),
            covers=((aa, (Task.REQUEST_GDAP,)), (ssa, (G.SUPPORT_SUBMIT_SUPPORT_TICKET,))),
            reasons=(
                covered(Task.REQUEST_GDAP, aa, "gdap-obtain-admin-permissions-to-manage-customer.md"),
                table_role(G.SUPPORT_SUBMIT_SUPPORT_TICKET, ssa),
            ),
        )
        assert expected == without_ranking(least_privileged(tasks))

    def test_both_global_admins_are_explained_partner_first(self) -> None:
        advice = least_privileged([G.USERS_UPDATE_USER_SETTINGS, Task.CANCEL_AZURE_SUBSCRIPTION])
        expected = (
            Reason(
                code="roles.least.global_admin_needed",
                params={"role": P.GLOBAL_ADMIN, "tasks": (Task.CANCEL_AZURE_SUBSCRIPTION,)},
                source=OVERRIDE,
            ),
            Reason(
                code="roles.least.global_admin_needed",
                params={"role": E.GLOBAL_ADMINISTRATOR, "tasks": (G.USERS_UPDATE_USER_SETTINGS,)},
                source=TABLE,
            ),
        )
        assert expected == advice.reasons[:2]
        assert frozenset({P.GLOBAL_ADMIN, E.GLOBAL_ADMINISTRATOR}) == advice.roles

    def test_duplicates_and_spellings_count_once(self) -> None:
        advice = least_privileged(
            ["viewInvoices", Task.VIEW_INVOICES, "users_create_user", "USERS_CREATE_USER"]
        )
        assert frozenset({Task.VIEW_INVOICES, G.USERS_CREATE_USER}) == advice.tasks
        assert advice.covers == (
            (P.BILLING_ADMIN, (Task.VIEW_INVOICES,)),
            (E.USER_ADMINISTRATOR, (G.USERS_CREATE_USER,)),
        )

    def test_one_partner_task_given_alone_is_advised_on(self) -> None:
        expected = LeastPrivilege(
            tasks=frozenset({Task.VIEW_CREDIT_LIMIT}),
            roles=frozenset({P.BILLING_ADMIN}),
            covers=((P.BILLING_ADMIN, (Task.VIEW_CREDIT_LIMIT,)),),
            reasons=(covered(Task.VIEW_CREDIT_LIMIT, P.BILLING_ADMIN, "credit-limit-enforcement.md"),),
        )
        assert expected == without_ranking(least_privileged("viewCreditLimit"))
