from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.ingest.layout import Where
from gongkai.mapping.digits import candidate_splits
from gongkai.mapping.tokens import Token

W = Where("t.txt")


def run(*texts: str) -> list[Token]:
    return [Token(t, W, run=True) for t in texts]


def unique_split(tokens: list[Token], count: int, accept) -> tuple[list[Token] | None, int]:  # type: ignore[no-untyped-def]
    """The one accepted split and how many were accepted."""
    accepted = [c for c in candidate_splits(tokens, count) if accept(c)]
    return (accepted[0] if len(accepted) == 1 else None), len(accepted)


def adds_up(tokens: list[Token]) -> bool:
    v = [int(t.text) for t in tokens]
    return sum(v[:-1]) == v[-1]


def test_it_never_makes_numbers_with_leading_zeros() -> None:
    # 0|070, 00|70 and 007|0 all print a number with a leading zero
    assert list(candidate_splits(run("0070"), 2)) == []
    assert [[t.text for t in c] for c in candidate_splits(run("007"), 3)] == [["0", "0", "7"]]


def test_the_row_identity_settles_a_run() -> None:
    split, count = unique_split(run("200", "000121"), 7, adds_up)
    assert count == 1 and split is not None
    assert [t.text for t in split] == ["20", "0", "0", "0", "0", "1", "21"]


def test_it_reports_ambiguity_instead_of_choosing() -> None:
    split, count = unique_split(run("220000022"), 7, adds_up)
    assert split is None and count > 1


def test_a_delimited_token_is_never_cut() -> None:
    assert list(candidate_splits([Token("1234", W)], 2)) == []


@settings(deadline=None)  # enumerating splits of 18 digits: slow on a busy CI machine
@given(st.lists(st.integers(min_value=0, max_value=999), min_size=2, max_size=6))
def test_the_printed_split_is_always_among_the_candidates(values: list[int]) -> None:
    printed = "".join(str(v) for v in values)
    splits = [[int(t.text) for t in c] for c in candidate_splits(run(printed), len(values))]
    assert values in splits
