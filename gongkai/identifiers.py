"""Identification numbers of organisations, checked by their national standards.

``uscc_problem`` checks a 统一社会信用代码 (unified social credit code) by GB 32100-2015:
18 characters from a 31-character alphabet (no I, O, S, V, Z), the registering authority
and organisation type in the first two, a 6-digit administrative division code, and a
check character computed from the first 17 with fixed weights.
"""

from __future__ import annotations

import re

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"[1-9A-HJ-NP-RT-UWXY][1-9A-HJ-NP-RT-UWXY]\d{6}[0-9A-HJ-NP-RT-UWXY]{10}")


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters (all in ``USCC_CHARS``)."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """What is wrong with ``code`` as a 统一社会信用代码, in Chinese; None when it is valid.

    Letters are compared in upper case; spaces are not allowed (the caller strips them).
    """
    code = code.upper()
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，现为 {len(code)} 位"
    bad = sorted({c for c in code if c not in USCC_CHARS})
    if bad:
        return f"统一社会信用代码中不能有字符 {'、'.join(bad)}（不使用 I、O、S、V、Z）"
    if not _USCC_SHAPE.fullmatch(code):
        return "统一社会信用代码格式不对：第 3 至 8 位应为行政区划代码（6 位数字）"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不对，请逐位核对"
    return None
