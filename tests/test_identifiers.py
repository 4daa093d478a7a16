"""统一社会信用代码 by GB 32100: shape and check character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.identifiers import USCC_CHARS, uscc_check_char, uscc_problem


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
