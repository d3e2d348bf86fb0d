"""Test support for projects that build on cspcore.

:mod:`cspcore.testing.strategies` holds Hypothesis strategies for every cspcore value; it needs the
``test`` extra (Hypothesis) installed.
"""
