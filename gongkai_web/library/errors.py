"""The library's error: a refusal with a Chinese message for the person who asked."""

from gongkai.errors import GongkaiError


class LibraryError(GongkaiError):
    """A request the library cannot do (the message says why, in Chinese)."""
