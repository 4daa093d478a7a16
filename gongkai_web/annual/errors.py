"""Errors of the annual report. Messages are Chinese: they are shown to the user as they are."""

from gongkai.errors import GongkaiError


class AnnualError(GongkaiError):
    """A step on an annual report that its state or the checks do not allow."""
