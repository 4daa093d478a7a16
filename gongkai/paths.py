"""File names as shown to people and written into JSON.

On Linux a file name is bytes; Python gives the bytes that are not UTF-8 as lone
surrogates (U+DC80–U+DCFF, "surrogateescape"), which no UTF-8 output can carry: printing
them fails, and JSON holding them is not valid UTF-8. Here they are written as ``\\xNN``,
the byte they stand for, so the output stays UTF-8 and still says which byte it was.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(text: str) -> str:
    """``text`` with undecodable file-name bytes written as ``\\xNN`` (other lone
    surrogates as ``\\udNNN``); unchanged when it has none."""
    if not _SURROGATE.search(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def shown_json(value: Any) -> Any:
    """A JSON-ready value with every string (keys included) passed through ``shown``."""
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, dict):
        return {shown_json(k): shown_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [shown_json(v) for v in value]
    return value
