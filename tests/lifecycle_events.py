"""The type of any event ``lifecycle`` replays, for annotating lists of mixed events in tests.

>>> from cspcore.billing import Suspend
>>> Suspend in AnyEvent.__args__
True
"""

from __future__ import annotations

from cspcore.billing import LifecycleEvent

__all__ = ["AnyEvent"]

AnyEvent = LifecycleEvent
