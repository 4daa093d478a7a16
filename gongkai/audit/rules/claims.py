"""Figures the narrative states, as data: what each is about and the words that state it.

Patterns run on folded sentences (``gongkai.audit.text``: half-width, no spaces), so "，"
is "," and "（" is "(". ``N`` stands for the figure. The patterns are narrow on purpose:
a figure is taken only where the words leave no doubt what it counts, since a figure
taken wrongly becomes a false warning. A figure whose clause names another year, or a
change ("同比", "增加"), is not taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from gongkai.audit.text import Sentence


class Topic(StrEnum):
    """What a stated figure counts."""

    RECEIVED = "received"  # applications received (part: an applicant type)
    HANDLED = "handled"  # applications concluded
    CARRIED_IN = "carried_in"
    CARRIED_OUT = "carried_out"
    OUTCOME = "outcome"  # part: disclosed, disclosed_partial, partial, withheld, …
    ALL_CONCLUDED = "all_concluded"  # "所有申请均已办结": nothing carried over
    NO_APPLICATIONS = "no_applications"  # "无依申请公开事项"
    REVIEW = "review"  # 行政复议 (part: a result column, or "" for the total)
    SUITS = "suits"  # 行政诉讼, both groups together
    DOCUMENTS = "documents"  # part: rules/normative; column: made/published/…
    PROACTIVE = "proactive"  # items proactively published
    FEE = "fee"  # 行政事业性收费, in 万元


N = r"(?P<n>\d+)"
# Words between a count and 件 that change nothing.
_AND = r"(?:和|及|与|、)"
_VERB_ONLY = r"(?:答复|的|决定)?(?:共|共计)?"
# "行政复议、行政诉讼案件共5件" counts both: the figure is neither's alone.
_NOT_AFTER_SUITS = "".join(f"(?<!诉讼{w})" for w in "、和及与")
_NOT_AFTER_REVIEWS = "".join(f"(?<!复议{w})" for w in "、和及与")

# (topic, part, pattern), most specific first: a later pattern never takes a span an
# earlier one took ("予以公开及部分公开42件" is one figure, not also "部分公开42件").
MAIN: tuple[tuple[Topic, str, str], ...] = (
    (
        Topic.ALL_CONCLUDED,
        "",
        r"(?:所有|全部)的?(?:政府信息公开|依申请公开|信息公开)?申请件?(?:均|都|全部)?(?:已经?)?"
        r"(?:按要求|按时|依法|按规定|按期|在法定期限内)?(?:办理完成|办理完毕|办结|答复完毕|处理完毕)",
    ),
    (Topic.ALL_CONCLUDED, "", r"申请(?:均已|已|均)?全部(?:办结|办理完毕|办理完成|答复完毕)"),
    (
        Topic.NO_APPLICATIONS,
        "",
        r"(?:无|没有|未收到|未接到|未受理)(?:政府信息公开|依申请公开|信息公开)"
        r"(?:申请事项|申请|事项)(?=$|[,。;)])",
    ),
    (
        Topic.OUTCOME,
        "disclosed_partial",
        rf"(?:予以公开|同意公开|全部公开){_AND}部分公开{_VERB_ONLY}{N}件",
    ),
    (Topic.OUTCOME, "disclosed", rf"(?:予以公开|同意公开|全部公开){_VERB_ONLY}{N}件"),
    (Topic.OUTCOME, "partial", rf"部分公开{_VERB_ONLY}{N}件"),
    (Topic.OUTCOME, "withheld", rf"不予公开{_VERB_ONLY}{N}件"),
    (Topic.OUTCOME, "unavailable", rf"无法提供{_VERB_ONLY}{N}件"),
    (Topic.OUTCOME, "not_processed", rf"不予处理{_VERB_ONLY}{N}件"),
    (Topic.OUTCOME, "other", rf"其他处理{_VERB_ONLY}{N}件"),
    (
        Topic.RECEIVED,
        "",
        rf"(?:收到|受理|接收|新收|接到)(?P<gap>[^\d。;,]{{0,24}}?)申请(?:数量)?"
        rf"(?:为|共计|共|合计|总计|总数为?)?{N}件",
    ),
    (Topic.CARRIED_IN, "", rf"上一?年度?结转的?(?:政府信息公开)?(?:申请)?(?:共)?{N}件"),
    (
        Topic.CARRIED_OUT,
        "",
        rf"(?:结转|转入?|顺延|转至)(?:到|至)?下一?年度?(?:继续)?(?:办理)?(?:答复)?(?:的有|的)?(?:共)?{N}件",
    ),
    (Topic.CARRIED_OUT, "", rf"{N}件(?:申请)?(?:结转|顺延|转)(?:到|至|入)?下一?年度?"),
    (
        Topic.HANDLED,
        "",
        rf"(?<![公开理供予转])(?:办结|答复|办理)(?:完毕|完成)?的?"
        rf"(?:依申请公开|政府信息公开申请|申请)?(?:共计|共|合计)?{N}件",
    ),
    (
        Topic.REVIEW,
        "",
        rf"{_NOT_AFTER_SUITS}行政复议(?:案件|申请)?(?:数量?)?(?:为|共|共计|合计)?{N}件",
    ),
    (Topic.REVIEW, "", rf"{N}件[^\d。;,、]{{0,16}}?的?行政复议(?=$|[,。;)、]|案件|申请)"),
    (Topic.SUITS, "", rf"{_NOT_AFTER_REVIEWS}行政诉讼(?:案件)?(?:数量?)?(?:为|共|共计|合计)?{N}件"),
    (Topic.SUITS, "", rf"{N}件[^\d。;,、]{{0,16}}?的?行政诉讼(?=$|[,。;)、]|案件)"),
    (
        Topic.PROACTIVE,
        "",
        rf"(?:(?<!应)主动公开|(?<!动)公开|公布|发布)(?:各类|各项)?政府信息(?:共|共计)?{N}余?[条件]",
    ),
    (
        Topic.FEE,
        "",
        r"行政事业性收费(?:金额)?(?:为|共|共计)?(?P<n>\d+(?:\.\d+)?)(?P<unit>万元|元)",
    ),
)

# After a figure of applications received, in the same sentence: by applicant.
APPLICANTS: tuple[tuple[str, str], ...] = (
    ("natural", rf"自然人(?:申请|提出|提交)?的?(?:申请)?(?:共)?{N}件"),
    (
        "legal_persons",
        rf"法人(?:或其他组织|和其他组织|或者其他组织|及其他组织)?(?:申请|提出|提交)?的?(?:申请)?(?:共)?{N}件",
    ),
    ("commercial", rf"商业企业(?:申请)?{N}件"),
    ("research", rf"科研机构(?:申请)?{N}件"),
    ("nonprofit", rf"社会公益组织(?:申请)?{N}件"),
    ("legal", rf"法律服务机构(?:申请)?{N}件"),
)

# After a figure of reviews or suits, in the same sentence: by result.
RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", rf"(?:结果)?维持(?:原?(?:行政行为|决定|答复))?{N}件"),
    ("corrected", rf"(?:(?:结果)?纠正|被?纠错|败诉){N}件"),
    ("other", rf"其他结果{N}件"),
    ("pending", rf"(?:尚未|未)审结{N}件"),
)

# ---- the grammar: subject + count (+ qualifier) --------------------------------------
# A figure is a subject and a count in either order ("规范性文件5件", "5件规范性文件"),
# with words before it in its clause ("废止规范性文件5件") or after it ("5件规范性文件
# 不再作为规范性文件管理", "行政复议3件，均获维持") that say what the count is.
_KINDS = r"(?P<kind>行政规范性文件|规范性文件|规章)"
DOCUMENT_FORMS = (
    re.compile(rf"{_KINDS}(?:共|共计)?{N}件"),  # subject, count
    re.compile(rf"{N}件(?:的)?{_KINDS}"),  # count, subject
)
DOCUMENT = DOCUMENT_FORMS[0]
DOCUMENT_KINDS = {"行政规范性文件": "normative", "规范性文件": "normative", "规章": "rules"}
# Words before a document count, in its clause, that say which column it is; the first
# group that matches wins. "skip": a count of something else (reviewed, interpreted…).
QUALIFIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("in_force", ("现行有效", "有效期内")),
    ("repealed", ("废止", "失效", "废除")),
    (
        "skip",
        (
            "清理",
            "审查",
            "审核",
            "备案",
            "解读",
            "征求意见",
            "修订",
            "修改",
            "起草",
            "评估",
            "截至",
            "累计",
            "共有",
            "涉及",
            "报送",
            "合法性",
            "上报",
        ),
    ),
    ("made", ("制发", "制定", "印发", "出台", "新制作", "发文")),
)

# Words after a document count, in its clause, that say which column it is (they
# outweigh the words before it: "清理…规范性文件5件，已宣布失效" is a repeal).
AFTER_QUALIFIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("repealed", ("不再作为", "废止", "失效", "停止执行")),
    ("in_force", ("继续有效", "现行有效", "继续执行")),
)
# After a figure of reviews or suits, in the sentence: every case had one result
# ("均获维持"): that result's column is the whole figure.
ALL_RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", r"(?:均|全部|都)(?:已经?)?(?:获|被|予以|得到|为)?(?:复议机关|法院|法院判决)?维持"),
    ("corrected", r"(?:均|全部|都)(?:已经?)?(?:被|予以)?(?:纠正|撤销|确认违法)"),
    ("pending", r"(?:均|全部|都)(?:尚未|未)审结|(?:均|全部|都)(?:仍)?在审理中?"),
)

# Statements that there were none: each kind named is a figure of 0.
NONE_MADE = re.compile(
    r"(?:未|没有|无|均未)新?(?:制定|制发|出台|印发)(?:任何)?"
    r"(?P<kinds>(?:行政)?(?:规章|规范性文件)(?:(?:和|及|与|、|或)(?:行政)?(?:规章|规范性文件))?)"
)
NONE_CASES = re.compile(
    r"(?:未发生|没有发生|未有|无|未收到)(?:因|涉及)?(?:政府信息公开|依申请公开|信息公开)?"
    r"(?:工作|申请)?(?:引起|引发)?的?(?P<kinds>行政复议(?:(?:和|及|与|、|或)行政诉讼)?|行政诉讼)"
    r"(?:案件|情况|情形|事项)?(?=$|[,。;)])"
)

# A clause with one of these states a change or another period, not the year's figure.
COMPARISON = re.compile(r"同比|去年|较上年|比上年|上年同期|增长|下降|增加|减少|环比")
YEAR = re.compile(r"((?:19|20)\d{2})年")
CLAUSE_START = re.compile(r"[,;:。]")


@dataclass(frozen=True, slots=True)
class Pattern:
    topic: Topic
    part: str
    regex: re.Pattern[str]


PATTERNS = tuple(Pattern(t, p, re.compile(r)) for t, p, r in MAIN)
APPLICANT_PATTERNS = tuple((part, re.compile(r)) for part, r in APPLICANTS)
RESULT_PATTERNS = tuple((part, re.compile(r)) for part, r in RESULTS)
ALL_RESULT_PATTERNS = tuple((part, re.compile(r)) for part, r in ALL_RESULTS)
# What may stand between 收到 and 申请 in a figure of applications: not other kinds.
RECEIVED_GAP_EXCLUDES = re.compile(r"复议|诉讼|咨询|举报|投诉|建议|提案|来信")


# ---- extraction --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure the text states. ``part`` narrows the topic (an applicant type, an
    outcome, a result column, a document row); ``column`` is a document column
    (made, published, repealed, in_force). ``start``/``end`` span the words in the
    sentence's folded text. A money figure is in 万元."""

    topic: Topic
    part: str
    column: str
    value: int | float
    sentence: Sentence
    start: int
    end: int

    @property
    def words(self) -> str:
        """The words as printed."""
        a, b = self.sentence.folded.raw_span(self.start, self.end)
        return self.sentence.raw[a:b]


def claims(sentences: Iterable[Sentence], year: int | None) -> list[Claim]:
    """Every figure the sentences state about the report year."""
    out: list[Claim] = []
    for sentence in sentences:
        out.extend(sentence_claims(sentence, year))
    return out


def sentence_claims(sentence: Sentence, year: int | None) -> list[Claim]:
    text = sentence.text
    taken: list[tuple[int, int]] = []
    found: list[Claim] = []
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(text):
            if _overlaps(match.span(), taken) or not _about_the_year(text, match, year):
                continue
            if pattern.topic is Topic.RECEIVED and RECEIVED_GAP_EXCLUDES.search(match["gap"]):
                continue
            taken.append(match.span())
            found.append(_claim(pattern.topic, pattern.part, "", match, sentence))
    found.sort(key=lambda c: c.start)
    found += list(_breakdowns(sentence, found, taken, year))
    found += list(_documents(sentence, taken, year))
    found += list(_none_stated(sentence, taken, year))
    return sorted(found, key=lambda c: c.start)


def _claim(topic: Topic, part: str, column: str, match: re.Match[str], sentence: Sentence) -> Claim:
    groups = match.groupdict()
    value: int | float = 0
    if groups.get("n") is not None:
        figure = groups["n"]
        value = float(figure) if "." in figure else int(figure)
        if groups.get("unit") == "元":
            value = float(value) / 10_000
    return Claim(topic, part, column, value, sentence, match.start(), match.end())


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


def _clause_start(text: str, at: int) -> int:
    starts = [m.end() for m in CLAUSE_START.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _about_the_year(text: str, match: re.Match[str], year: int | None) -> bool:
    """False when the figure's clause states a change or names another year."""
    clause = text[_clause_start(text, match.start()) : match.end()]
    if COMPARISON.search(clause):
        return False
    years = {int(y) for y in YEAR.findall(clause)}
    return not years or (year is not None and years == {year})


def _breakdowns(
    sentence: Sentence, found: list[Claim], taken: list[tuple[int, int]], year: int | None
) -> Iterator[Claim]:
    """Applicant types after a figure of applications received; results after a figure
    of reviews or suits; each up to the sentence's next figure."""
    text = sentence.text
    for index, claim in enumerate(found):
        if claim.topic is Topic.RECEIVED:
            patterns = APPLICANT_PATTERNS
        elif claim.topic in (Topic.REVIEW, Topic.SUITS):
            patterns = RESULT_PATTERNS
        else:
            continue
        end = found[index + 1].start if index + 1 < len(found) else len(text)
        parts: set[str] = set()
        for part, regex in patterns:
            for match in regex.finditer(text, claim.end, end):
                if _overlaps(match.span(), taken) or not _about_the_year(text, match, year):
                    continue
                taken.append(match.span())
                parts.add(part)
                yield _claim(claim.topic, part, "", match, sentence)
        if patterns is RESULT_PATTERNS and not parts:
            yield from _all_one_result(claim, end, taken)


def _all_one_result(claim: Claim, end: int, taken: list[tuple[int, int]]) -> Iterator[Claim]:
    """ "行政复议3件，均获维持": the figure is also the count of that one result."""
    text = claim.sentence.text
    for part, regex in ALL_RESULT_PATTERNS:
        match = regex.search(text, claim.end, end)
        if match and not _overlaps(match.span(), taken):
            taken.append(match.span())
            yield Claim(
                claim.topic, part, "", claim.value, claim.sentence, claim.start, match.end()
            )
            return


def _qualifier_start(text: str, at: int, column: str) -> int:
    """Where the words naming the column begin, so that the quote shows them."""
    clause = _clause_start(text, at)
    words = dict(QUALIFIERS).get(column, ())
    places = [text.find(w, clause, at) for w in words]
    return min((p for p in places if p >= 0), default=at)


def _documents(
    sentence: Sentence, taken: list[tuple[int, int]], year: int | None
) -> Iterator[Claim]:
    """Counts of 规章 and 规范性文件, with the column their clause's words name."""
    text = sentence.text
    matches = [m for form in DOCUMENT_FORMS for m in form.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start()):
        if _overlaps(match.span(), taken) or not _about_the_year(text, match, year):
            continue
        clause = text[_clause_start(text, match.start()) : match.start()]
        after = text[match.end() : _clause_end(text, match.end())]
        column = next((c for c, words in AFTER_QUALIFIERS if any(w in after for w in words)), "")
        end = match.end() + (len(after) if column else 0)  # the quote shows the qualifier
        column = column or next(
            (c for c, words in QUALIFIERS if any(w in clause for w in words)), "published"
        )
        if column == "skip":
            continue
        taken.append(match.span())
        claim = _claim(Topic.DOCUMENTS, DOCUMENT_KINDS[match["kind"]], column, match, sentence)
        yield replace(claim, start=_qualifier_start(text, match.start(), column), end=end)


def _clause_end(text: str, at: int) -> int:
    found = CLAUSE_START.search(text, at)
    return found.start() if found else len(text)


def _none_stated(
    sentence: Sentence, taken: list[tuple[int, int]], year: int | None
) -> Iterator[Claim]:
    """ "未制发规章和规范性文件", "未发生行政复议和行政诉讼": a figure of 0 for each kind."""
    text = sentence.text
    for regex in (NONE_MADE, NONE_CASES):
        for match in regex.finditer(text):
            if _overlaps(match.span(), taken) or not _about_the_year(text, match, year):
                continue
            taken.append(match.span())
            kinds = match["kinds"]
            if regex is NONE_MADE:
                parts = [
                    (Topic.DOCUMENTS, p, "made")
                    for k, p in (("规章", "rules"), ("规范性文件", "normative"))
                    if k in kinds
                ]
            else:
                parts = [
                    (t, "", "")
                    for k, t in (("复议", Topic.REVIEW), ("诉讼", Topic.SUITS))
                    if k in kinds
                ]
            for topic, part, column in parts:
                yield Claim(topic, part, column, 0, sentence, match.start(), match.end())
