"""Place names: an agency's name checked against the names of China's administrative
divisions, to undo an OCR misreading of a rare character ("沭阳县" read as "沐阳县").

A name is corrected only when no prefix of it is a known division (nor the stem of one:
"平潭" of 平潭县), and exactly one substitution of a look-alike character among its
first characters makes its prefix a known division. Anything else is left as printed.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# Characters OCR engines confuse in place names, each pair both ways.
LOOKALIKES: tuple[tuple[str, str], ...] = (
    ("沐", "沭"),
    ("毫", "亳"),
    ("荣", "荥"),
    ("沪", "泸"),
    ("汩", "汨"),
    ("雎", "睢"),
    ("盯", "盱"),
    ("胎", "眙"),
    ("邢", "刑"),
    ("鄯", "善"),
    ("儋", "檐"),
    ("岷", "珉"),
    ("涪", "陪"),
)
# Where a place name may start to be misread: the first characters of the agency's name.
_REACH = 6
_SUFFIXES = ("自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "旗", "盟", "州")


@cache
def divisions() -> frozenset[str]:
    """The division names ("沭阳县", "淮安市"), from the package's data file."""
    text = resources.files("gongkai.catalogue").joinpath("data/divisions.txt").read_text("utf-8")
    return frozenset(
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
    )


@cache
def _stems() -> frozenset[str]:
    """The names without their kind ("平潭" of 平潭县), two characters or more."""
    out = set()
    for name in divisions():
        for suffix in _SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                out.add(name[: -len(suffix)])
                break
    return frozenset(out)


def _known_prefix(name: str) -> bool:
    names, stems = divisions(), _stems()
    return any(name[:n] in names or name[:n] in stems for n in range(2, min(len(name), 12) + 1))


_SWAPS = {a: b for a, b in LOOKALIKES} | {b: a for a, b in LOOKALIKES}


def correct_place(name: str) -> str:
    """The name with a misread place character put right, or the name as given."""
    if _known_prefix(name):
        return name
    fixed = {
        name[:i] + _SWAPS[ch] + name[i + 1 :] for i, ch in enumerate(name[:_REACH]) if ch in _SWAPS
    }
    fitting = [f for f in fixed if _known_prefix(f)]
    return fitting[0] if len(fitting) == 1 else name
