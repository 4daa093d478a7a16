"""Identification numbers of organisations, checked by their national standards.

``uscc_problem`` checks a 统一社会信用代码 (unified social credit code) by GB 32100-2015:
18 characters from a 31-character alphabet (no I, O, S, V, Z), the registering authority
and organisation type in the first two, a 6-digit administrative division code, and a
check character computed from the first 17 with fixed weights.

``resident_id_problem`` checks a 居民身份证号码 by GB 11643-1999: 18 characters, a 6-digit
address code, the birth date as YYYYMMDD (a real day, not in the future), a 3-digit sequence
and a check character (0-9 or X) from ISO 7064 MOD 11-2 over the first 17 digits.
"""

from __future__ import annotations

import datetime as dt
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


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"  # indexed by the weighted sum mod 11
EARLIEST_BIRTH = dt.date(1880, 1, 1)


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def resident_id_problem(number: str, today: dt.date) -> str | None:
    """What is wrong with ``number`` as a 居民身份证号码, in Chinese; None when it is valid.

    ``today`` bounds the birth date (no one is born in the future). A lower-case x is
    accepted as X; spaces are not allowed (the caller strips them).
    """
    number = number.upper()
    if len(number) != 18:
        return f"居民身份证号码应为 18 位，现为 {len(number)} 位"
    if not number[:17].isdigit() or not number[:17].isascii():
        return "居民身份证号码前 17 位应为数字"
    if number[17] not in "0123456789X":
        return "居民身份证号码第 18 位（校验码）应为数字或 X"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f"居民身份证号码第 7 至 14 位（出生日期 {number[6:14]}）不是有效日期"
    if born > today or born < EARLIEST_BIRTH:
        return f"居民身份证号码中的出生日期 {born:%Y-%m-%d} 不合理，请核对"
    if resident_id_check_char(number[:17]) != number[17]:
        return "居民身份证号码校验码不对（GB 11643），请逐位核对"
    return None


def _ascii_key(text: str) -> str:
    return "".join(c for c in text.upper() if c.isascii() and c.isalnum())


def id_document_problem(text: str, natural_person: bool, today: dt.date) -> str | None:
    """What is wrong with an applicant's 身份证明 (free text), in Chinese; None when fine.

    The text may name the document ("身份证 110101…", "护照 E12345678"). A number shaped
    like a 居民身份证号码 (17 digits and a check character), or introduced by "身份证", is
    checked by GB 11643; an 18-character number of an organisation, or one introduced by
    "信用代码", by GB 32100. Other documents (passports, permits) are not checked: their
    formats are not national standards.
    """
    key = _ascii_key(text)
    says_id, says_credit = "身份证" in text, "信用代码" in text
    if not key:
        return "身份证明中没有证件号码：请填写证件类型及号码，或统一社会信用代码"
    if says_credit and not says_id:
        return uscc_problem(key)
    id_shaped = len(key) in (17, 18, 19) and key[:17].isdigit()
    if says_id or (natural_person and id_shaped):
        return resident_id_problem(key, today)
    if len(key) == 18 and (not natural_person or id_shaped):
        if uscc_problem(key) is None or (id_shaped and resident_id_problem(key, today) is None):
            return None
        return uscc_problem(key)
    return None
