"""Printed value text → the cell's number, in the form's unit."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_PARTS = re.compile(r"^\s*([-－−]?)(\d+(?:[.．]\d+)?)\s*(万元|元)?\s*$")


@dataclass(frozen=True, slots=True)
class Parsed:
    """``value`` is None when the text is no valid value for the cell; ``note`` says why,
    or, with a value, records a unit conversion."""

    value: int | float | None
    note: str | None = None


@lru_cache(maxsize=4096)
def parse_value(text: str, *, money: bool) -> Parsed:
    """Parse one printed value. Counts must be whole numbers; money cells are in 万元,
    and an amount printed in 元 is converted (and the conversion noted)."""
    match = _PARTS.match(unicodedata.normalize("NFKC", text).replace(",", ""))
    if match is None:
        return Parsed(None, f"“{text}”不是单纯的数字，该栏未记录，请核对原件")
    sign, digits, unit = match.groups()
    digits = digits.replace("．", ".")
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return Parsed(None, f"“{text}”不是数字")
    if sign:
        number = -number
    if not money:
        if unit or "." in digits:
            return Parsed(None, f"“{text}”不是整数，而该栏是件数")
        return Parsed(int(number))
    if unit == "元":
        converted = number / Decimal(10000)
        return Parsed(
            float(converted), f"“{text}”以元为单位，已换算为 {converted.normalize():f} 万元"
        )
    return Parsed(float(number) if "." in digits else int(number))
