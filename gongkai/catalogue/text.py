"""Normalising printed labels so that one key matches every way a label gets printed."""

from __future__ import annotations

import re
import unicodedata

# Everything that is not a letter, digit or CJK ideograph carries no meaning in a label.
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold full-width forms (NFKC), drop white space and punctuation."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))
