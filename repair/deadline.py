"""A request's deadline: the moment after which its stages stop and answer with what they have.

The name stage checks it between mentions, the grammar stage gets only the time left, and
an engine stops between pieces of text. So a request answers in about the deadline whatever
its text, and a worker is never held past the server's own timeout.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class Deadline:
    """``seconds`` from now on ``clock`` (``None``: never). ``missed`` records whether a stage
    found it passed, so the answer can say that it is partial."""

    def __init__(self, seconds: float | None, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.at = math.inf if seconds is None else clock() + seconds
        self.missed = False

    def passed(self) -> bool:
        """Whether the deadline is past; the first stage to find it so sets ``missed``."""
        if self.clock() >= self.at:
            self.missed = True
        return self.missed

    def may_pass(self) -> bool:
        """Whether ``passed`` can ever say yes: not for a deadline of ``None`` not yet missed."""
        return self.at != math.inf or self.missed

    def remaining(self) -> float:
        """Seconds left (``math.inf`` without a deadline; 0 once past)."""
        return max(0.0, self.at - self.clock())
