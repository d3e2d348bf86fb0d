"""The generated tables of docs/roles.md handle orders of any length."""

from __future__ import annotations

import pytest

from cspcore.roles import EntraRole, PartnerRole, _docs


@pytest.mark.parametrize(
    ("partner", "entra", "rows"),
    [
        (
            (PartnerRole.REPORT_VIEWER,),
            (EntraRole.DIRECTORY_READERS, EntraRole.GUEST_INVITER),
            ["| 1 | Report viewer | Directory readers |", "| 2 |  | Guest inviter |"],
        ),
        (
            (PartnerRole.REPORT_VIEWER, PartnerRole.GLOBAL_ADMIN),
            (EntraRole.DIRECTORY_READERS,),
            ["| 1 | Report viewer | Directory readers |", "| 2 | Global admin |  |"],
        ),
    ],
)
def test_the_privilege_table_leaves_the_shorter_column_blank(
    monkeypatch: pytest.MonkeyPatch,
    partner: tuple[PartnerRole, ...],
    entra: tuple[EntraRole, ...],
    rows: list[str],
) -> None:
    monkeypatch.setattr(_docs, "PARTNER_PRIVILEGE_ORDER", partner)
    monkeypatch.setattr(_docs, "ENTRA_PRIVILEGE_ORDER", entra)
    expected = ["| Rank | Partner Center role | Microsoft Entra role |", "|---|---|---|", *rows]
    assert expected == _docs.privilege_table().splitlines()
