"""Every adjustable paragraph of every letter under a stable key, with its default, the
placeholders it may use, and an agency's overrides applied.

An override is checked before it is saved: braces must pair and every placeholder must be
one the paragraph offers, so a letter never fails (or prints "{due}") at the moment it is
needed.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from gongkai_web.accounts.models import Agency
from gongkai_web.applications.models import OUTCOMES
from gongkai_web.letters import texts as T
from gongkai_web.letters.models import Wording

COMMON = {"you", "received", "reg_no", "due", "code", "channel"}


@dataclass(frozen=True)
class Paragraph:
    key: str
    label: str
    default: str
    placeholders: frozenset[str]


def _paragraphs() -> dict[str, Paragraph]:
    extra = {
        "correction": {"correction_due"},
        "extension": {"days"},
        "fee": {"method", "amount"},
    }
    found: dict[str, Paragraph] = {}
    for key, default in T.STEP_TEXTS.items():
        letter = key.split(".")[0]
        label = f"{T.STEP_TITLES[letter]}：{'正文' if key.endswith('.body') else '结尾'}"
        names = COMMON | extra.get(letter, set())
        found[key] = Paragraph(key, label, default, frozenset(names))
    for outcome, text in T.TEXTS.items():
        key = f"reply.{outcome}"
        names = frozenset({"you", "basis", "delivery", "correction_due"})
        label = f"答复告知书：{dict(OUTCOMES).get(outcome, outcome)}"
        found[key] = Paragraph(key, label, text.decision, names)
    found["reply.remedies"] = Paragraph(
        "reply.remedies",
        "答复告知书：救济途径",
        T.REMEDIES,
        frozenset({"you", "review_body", "court"}),
    )
    return found


PARAGRAPHS = _paragraphs()


def placeholder_problem(key: str, text: str) -> str | None:
    """What is wrong with ``text`` as the wording of ``key``, in Chinese; None when usable."""
    allowed = PARAGRAPHS[key].placeholders
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return "花括号不成对：占位符应写成 {名称} 的形式，文字中不要单独使用 { 或 }"
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        offered = "、".join("{" + n + "}" for n in sorted(allowed))
        return f"不认识的占位符 {'、'.join('{' + n + '}' for n in unknown)}；本段可用：{offered}"
    return None


def words_for(agency: Agency) -> dict[str, str]:
    """The wording of every paragraph for ``agency``: its overrides over the defaults."""
    words = {key: p.default for key, p in PARAGRAPHS.items()}
    for key, text in Wording.objects.filter(agency=agency).values_list("key", "text"):
        if key in words and placeholder_problem(key, text) is None:
            words[key] = text
    return words


def fill(template: str, **values: object) -> str:
    """``template`` with its placeholders filled; the values are never parsed again."""
    return template.format(**values)
