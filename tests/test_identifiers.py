"""统一社会信用代码 by GB 32100: shape and check character."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.identifiers import (
    USCC_CHARS,
    id_document_problem,
    resident_id_check_char,
    resident_id_problem,
    uscc_check_char,
    uscc_problem,
)


@pytest.mark.parametrize(
    "code",
    ["91110000600037341L", "11100000000013127D", "12100000400000000x".upper()[:17] + "0"],
)
def test_published_codes_pass(code: str) -> None:
    # the first two are printed on real licences / the State Council's own code
    if code.startswith("121"):
        code = code[:17] + uscc_check_char(code[:17])
    assert uscc_problem(code) is None


@pytest.mark.parametrize(
    "code,message",
    [
        ("9111000060003734", "应为 18 位"),
        ("91110000600037341O", "不能有字符 O"),
        ("911100006000373410", "校验位不对"),
        ("91ABCDEF600037341L", "行政区划代码"),
    ],
)
def test_bad_codes_say_what_is_wrong(code: str, message: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None and message in problem


@given(st.text(alphabet=USCC_CHARS[:10], min_size=17, max_size=17), st.sampled_from(USCC_CHARS))
def test_exactly_one_check_character_fits(first17: str, last: str) -> None:
    code = "91" + first17[2:]
    ok = uscc_problem(code + last) is None
    assert ok == (last == uscc_check_char(code))


# --- 居民身份证号码 (GB 11643) and the applicant's 身份证明 -----------------------------------

_TODAY = _dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "first17,check",
    [("11010519491231002", "X"), ("11010119900101123", "7"), ("44030419850717001", "8")],
)
def test_the_check_character_follows_iso_7064(first17: str, check: str) -> None:
    assert resident_id_check_char(first17) == check
    assert resident_id_problem(first17 + check, _TODAY) is None
    assert resident_id_problem(first17 + check.lower(), _TODAY) is None


@pytest.mark.parametrize(
    "number,message",
    [
        ("11010119900101123", "应为 18 位，现为 17 位"),
        ("11010119900101123A", "校验码）应为数字或 X"),
        ("1101011990010112X7", "前 17 位应为数字"),
        ("110101199002301237", "19900230）不是有效日期"),
        ("110101203001011237", "不合理"),
        ("110101199001011230", "校验码不对"),
    ],
)
def test_a_wrong_resident_id_is_named(number: str, message: str) -> None:
    problem = resident_id_problem(number, _TODAY)
    assert problem is not None and message in problem


@pytest.mark.parametrize(
    "text,natural,wrong",
    [
        ("身份证 110101199001011237", True, None),
        ("居民身份证：110101199001011230", True, "校验码不对"),
        ("110101199001011230", True, "校验码不对"),
        ("身份证 1234", True, "应为 18 位"),
        ("护照 E12345678", True, None),
        ("统一社会信用代码 91350100M000100Y43", False, None),
        ("91350100M000100Y44", False, "校验位不对"),
        ("信用代码 9135", False, "应为 18 位"),
        ("身份证", True, "没有证件号码"),
    ],
)
def test_the_applicants_document_is_checked_by_what_it_says_it_is(
    text: str, natural: bool, wrong: str | None
) -> None:
    problem = id_document_problem(text, natural, _TODAY)
    if wrong is None:
        assert problem is None
    else:
        assert problem is not None and wrong in problem
