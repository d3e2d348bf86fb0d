"""Reconciling files a partition at a time: the partitions make up the whole, and a tally keeps no line."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.property.test_recon_engines_give_one_report import months

from cspcore.errors import InvalidInput
from cspcore.interop.recon_files import ENGINES, iter_reconcile_files, reconcile_files
from cspcore.interop.recon_summary import combine, tally

pytest.importorskip("pyarrow")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(months(), st.integers(1, 4), st.sampled_from(ENGINES))
def test_the_partitions_make_up_the_files_summary_and_the_tally_its_counts(
    month: tuple[str, str], count: int, engine: str
) -> None:
    expected_text, billed_text = month
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = Path(folder, "mine.csv"), Path(folder, "billed.csv")
        mine.write_text(expected_text, encoding="utf-8", newline="")
        theirs.write_text(billed_text, encoding="utf-8", newline="")
        arguments = {"expected": mine, "billed": theirs, "partitions": count, "workdir": folder}
        refused: InvalidInput | None = None
        try:
            whole = reconcile_files(**arguments, engine="pure")  # type: ignore[arg-type]
        except InvalidInput as error:
            refused = error
        if refused is not None:
            with pytest.raises(InvalidInput) as caught:
                tally(iter_reconcile_files(**arguments, engine=engine))  # type: ignore[arg-type]
            assert (caught.value.field, caught.value.code) == (refused.field, refused.code)
            return
        parts = list(iter_reconcile_files(**arguments, engine=engine))  # type: ignore[arg-type]
        counted = tally(parts)
        assert combine(parts) == whole
        assert len(parts) == count
        assert (counted.expected_rows, counted.billed_rows, counted.matched) == (
            whole.expected_rows,
            whole.billed_rows,
            whole.matched,
        )
        assert (counted.missing, counted.unexpected, counted.mismatched) == (
            len(whole.missing),
            len(whole.unexpected),
            len(whole.mismatched),
        )
        assert counted.matched_subtotal == whole.matched_subtotal
        assert counted.matched_total == whole.matched_total
        assert counted.is_clean == whole.is_clean
        assert sorted(Path(folder).iterdir()) == sorted([mine, theirs])  # the partition files are gone
