"""One error hierarchy for the core. Messages are in Chinese: they reach users."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base of every error the core raises on purpose."""


class UnreadableFile(GongkaiError):
    """A file could not be read as an annual report.

    ``reason`` is one line in Chinese naming the problem; ``path`` is the file as given.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
