"""Errors of the office floor. Messages are Chinese: they are shown to the user as they are."""

from gongkai.errors import GongkaiError


class CaseError(GongkaiError):
    """A step that the case's state or the law does not allow (e.g. replying before review)."""
