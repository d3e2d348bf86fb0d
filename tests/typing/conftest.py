"""``rejected_calls.py`` is read by mypy only (``test_typing_rejects_wrong_kinds.py``), never collected."""

collect_ignore = ["rejected_calls.py"]
