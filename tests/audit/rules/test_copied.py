"""Text copied from last year's report."""

from __future__ import annotations

from gongkai.audit.findings import Flag, Skip
from gongkai.audit.rules import copied
from tests.audit.builders import document

PARAGRAPHS = [
    "我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实政府信息公开条例，不断提升政务公开质量和实效。",
    "健全政府信息公开工作机制，明确分管领导和工作人员，加强保密审查，确保公开信息准确规范。",
    "依托门户网站、政务新媒体等平台，及时发布政策文件和解读材料，回应社会关切。",
    "严格按照法定程序办理依申请公开事项，加强与申请人沟通，提升答复质量。",
    "加强政府信息公开平台建设，优化栏目设置，完善检索功能，方便群众查阅。",
    "下一步将继续加强业务培训，提高工作人员依法公开意识和能力。",
]
OTHER = [
    "本年度围绕营商环境优化开展专项公开行动，新增重点领域信息公开目录二十余项。",
    "针对群众反映集中的问题开展调研，形成整改清单并逐项落实，公开整改进展情况。",
    "组织开展政务开放日活动，邀请人大代表、政协委员和群众代表参与监督评议。",
    "建立政策文件起草阶段公开征求意见制度，扩大公众参与，提升决策透明度。",
    "推进基层政务公开标准化规范化，编制覆盖乡镇街道的公开事项标准目录。",
    "完善舆情监测与回应机制，对涉及本部门的热点问题做到及时发声、准确解读。",
]


def text(paragraphs: list[str], year: int) -> str:
    return "\n\n".join(p.replace("本年度", f"{year}年") for p in paragraphs)


def test_text_mostly_copied_is_flagged_with_copied_sentences_quoted() -> None:
    last = document(text=text(PARAGRAPHS, 2023), year=2023)
    this = document(text=text(PARAGRAPHS[:5] + OTHER[:1], 2024), year=2024)
    (flag,) = copied.copied_text(last, this)
    assert isinstance(flag, Flag) and "2023" in flag.message
    assert flag.evidence and all(e.quote in "".join(PARAGRAPHS) for e in flag.evidence)


def test_new_text_passes() -> None:
    last = document(text=text(PARAGRAPHS, 2023), year=2023)
    this = document(text=text(OTHER[:4] + PARAGRAPHS[:2], 2024), year=2024)
    assert list(copied.copied_text(last, this)) == []


def test_changed_figures_do_not_make_text_new() -> None:
    with_figures = [p + f"全年共发布信息{n}条。" for n, p in enumerate(PARAGRAPHS, start=100)]
    last = document(text=text(with_figures, 2023), year=2023)
    changed = [p.replace("全年共发布信息1", "全年共发布信息9") for p in with_figures]
    (flag,) = copied.copied_text(last, document(text=text(changed, 2024), year=2024))
    assert isinstance(flag, Flag)


def test_too_little_text_cannot_be_compared() -> None:
    (skip,) = copied.copied_text(document(text="很短。", year=2023), document(text="很短。"))
    assert isinstance(skip, Skip)
