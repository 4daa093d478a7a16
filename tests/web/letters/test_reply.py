"""The reply letter (答复告知书): one per outcome, read back with python-docx.

Cases are built through the services, as the office would: register, assign, then the path
that leads to each outcome (reply, lapsed correction, lapsed fee, withdrawal).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from docx import Document
from docx.oxml.ns import qn

from gongkai_web.accounts.models import Agency
from gongkai_web.applications import services
from gongkai_web.applications.errors import CaseError
from gongkai_web.applications.models import OUTCOMES, Application
from gongkai_web.letters import texts as letter_texts
from gongkai_web.letters.layout import FONTS
from gongkai_web.letters.reply import compose, reply_letter
from tests.web.intake import intake as base_intake

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db
OUTCOME_IDS = [o for o, _ in OUTCOMES]
GROUNDS = "所申请信息的具体情况说明（测试）"


def intake(**over: object) -> dict[str, object]:
    return base_intake(**{"arrived": D("2026-02-10"), **over})


@pytest.fixture
def agency() -> Agency:
    return Agency.objects.create(
        name="某市科学技术局",
        short_code="KJJ",
        address="某市人民路1号",
        phone="010-12345678",
        review_body="某市人民政府",
        court="某市某区人民法院",
    )


@pytest.fixture
def clerk() -> User:
    return User.objects.create_user("clerk")


def closed_case(agency: Agency, clerk: User, outcome: str, **over: object) -> Application:
    """A case taken through the services to ``outcome`` and closed."""
    app = services.register(agency, intake(**over), clerk)
    services.assign(app, clerk, clerk, D("2026-02-11"))
    if outcome == "other.no_correction":
        services.request_correction(
            app, clerk, D("2026-02-11"), D("2026-02-13"), "请写明所需信息的名称"
        )
        services.lapse_correction(app, clerk, D("2026-02-24"))
    elif outcome == "other.no_fee":
        fee = services.issue_fee(app, clerk, D("2026-02-12"), "page", Decimal("700"))
        services.lapse_fee(fee, clerk, D("2026-04-20"))
    elif outcome == "other.other":
        services.withdraw(app, clerk, D("2026-02-13"), "申请人书面撤回申请")
    else:
        services.draft_reply(app, clerk, D("2026-02-12"), outcome, GROUNDS, "")
        services.review(app, clerk, D("2026-02-13"), True)
        services.reply(app, clerk, D("2026-02-13"))
    app.refresh_from_db()
    return app


def read(data: bytes) -> Any:
    return Document(BytesIO(data))


def text_of(document: Any) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_every_outcome_has_wording_and_nothing_else_does() -> None:
    assert set(letter_texts.TEXTS) == set(OUTCOME_IDS)
    assert (
        len(OUTCOME_IDS) == 21
    )  # 予以公开、部分公开、不予公开 8、无法提供 3、不予处理 5、其他处理 3


@pytest.mark.parametrize("outcome", OUTCOME_IDS)
def test_it_writes_a_letter_for_each_outcome(outcome: str, agency: Agency, clerk: User) -> None:
    app = closed_case(agency, clerk, outcome)
    assert app.outcome == outcome
    text = text_of(read(reply_letter(app)))
    wording = letter_texts.TEXTS[outcome]
    assert letter_texts.TITLE in text
    assert "KJJ公开〔2026〕1号" in text
    assert "张三：" in text
    assert "2026年2月10日收到您" in text and "“2025年本机关行政许可决定”" in text
    if wording.basis:
        assert f"《条例》{wording.basis}" in text
    assert app.grounds.strip() in text
    assert "自收到本告知书之日起60日内向某市人民政府申请行政复议" in text
    assert "自收到本告知书之日起6个月内向某市某区人民法院提起行政诉讼" in text
    assert "某市科学技术局\n" + f"{app.closed_on.year}年" in text
    assert "{" not in text and "}" not in text  # no placeholder left unfilled


@pytest.mark.parametrize(
    ("outcome", "article"),
    [
        ("disclosed", "第三十六条第（一）项、第（二）项"),
        ("partial", "第三十七条"),
        ("withheld.secret", "第十四条"),
        ("withheld.third_party", "第十五条"),
        ("withheld.internal", "第十六条第一款"),
        ("withheld.process", "第十六条第二款"),
        ("withheld.inquiry", "第三十六条第（七）项"),
        ("unavailable.not_held", "第三十六条第（四）项"),
        ("unavailable.needs_creation", "第三十八条"),
        ("unavailable.unclear", "第三十条"),
        ("not_processed.petition", "第三十九条第一款"),
        ("not_processed.duplicate", "第三十六条第（六）项"),
        ("not_processed.publication", "第三十九条第二款"),
        ("not_processed.excessive", "第三十五条"),
        ("other.no_correction", "第三十条"),
        ("other.no_fee", "第四十二条"),
    ],
)
def test_each_outcome_cites_the_article_it_rests_on(outcome: str, article: str) -> None:
    assert article in letter_texts.TEXTS[outcome].basis


def test_the_page_is_a4_with_the_gbt_9704_margins(agency: Agency, clerk: User) -> None:
    document = read(reply_letter(closed_case(agency, clerk, "disclosed")))
    section = document.sections[0]
    for length, mm in [
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ]:
        assert abs(length.mm - mm) < 0.05
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"


def test_title_body_and_headings_use_the_official_sizes_and_fonts(
    agency: Agency, clerk: User
) -> None:
    document = read(reply_letter(closed_case(agency, clerk, "partial")))
    title, *rest = document.paragraphs
    assert title.text == letter_texts.TITLE and title.alignment == 1  # centred
    assert title.runs[0].font.size.pt == 22
    assert _east_asia(title.runs[0]) == FONTS["title"]
    body = next(p for p in rest if p.text.startswith("本机关于"))
    assert body.runs[0].font.size.pt == 16 and _east_asia(body.runs[0]) == FONTS["body"]
    assert body.paragraph_format.first_line_indent.pt == 32  # two characters of 3号
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    heading = next(p for p in rest if p.text == "一、答复意见")
    assert _east_asia(heading.runs[0]) == FONTS["heading"]
    date = next(p for p in rest if p.text == "2026年2月13日")
    assert date.alignment == 2 and date.paragraph_format.right_indent.pt == 64  # 右空四字


def test_page_numbers_sit_outside_on_odd_and_even_pages(agency: Agency, clerk: User) -> None:
    document = read(reply_letter(closed_case(agency, clerk, "disclosed")))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        assert paragraph.text == "— 1 —"
        assert "PAGE" in paragraph._p.xml
        assert {r.font.size.pt for r in paragraph.runs} == {14}
    assert odd.alignment == 2 and even.alignment == 0  # right, left


def test_fonts_can_be_renamed_in_settings(agency: Agency, clerk: User, settings: Any) -> None:
    settings.GONGKAI_LETTER_FONTS = {"title": "方正小标宋_GBK", "body": "仿宋"}
    document = read(reply_letter(closed_case(agency, clerk, "disclosed")))
    assert _east_asia(document.paragraphs[0].runs[0]) == "方正小标宋_GBK"
    body = next(p for p in document.paragraphs if p.text.startswith("本机关于"))
    assert _east_asia(body.runs[0]) == "仿宋"
    heading = next(p for p in document.paragraphs if p.text.startswith("一、"))
    assert _east_asia(heading.runs[0]) == "黑体"  # keys not overridden keep their default


def test_an_unknown_font_key_is_a_configuration_error(
    agency: Agency, clerk: User, settings: Any
) -> None:
    settings.GONGKAI_LETTER_FONTS = {"titel": "宋体"}
    app = closed_case(agency, clerk, "disclosed")
    with pytest.raises(ImproperlyConfigured, match="titel"):
        reply_letter(app)


@pytest.mark.parametrize("stage", ["registered", "in_review", "approved"])
def test_it_refuses_a_case_not_yet_concluded(stage: str, agency: Agency, clerk: User) -> None:
    app = services.register(agency, intake(), clerk)
    if stage != "registered":
        services.draft_reply(app, clerk, D("2026-02-12"), "disclosed", "", "")
    if stage == "approved":
        services.review(app, clerk, D("2026-02-13"), True)
    with pytest.raises(CaseError, match="尚未办结"):
        reply_letter(app)


def test_without_a_review_body_or_court_the_remedies_are_generic(clerk: User) -> None:
    bare = Agency.objects.create(name="某县民政局", short_code="MZJ")
    text = text_of(read(reply_letter(closed_case(bare, clerk, "withheld.process"))))
    assert f"60日内向{letter_texts.GENERIC_REVIEW_BODY}申请行政复议" in text
    assert "上一级主管部门或者本级人民政府" in text
    assert f"6个月内向{letter_texts.GENERIC_COURT}提起行政诉讼" in text
    assert "联系电话" not in text  # no contact note when the agency has none


def test_a_paid_fee_is_stated_with_method_amount_and_date(agency: Agency, clerk: User) -> None:
    app = services.register(agency, intake(), clerk)
    fee = services.issue_fee(app, clerk, D("2026-02-11"), "page", Decimal("4700"))
    services.pay_fee(fee, clerk, D("2026-02-12"))
    services.draft_reply(app, clerk, D("2026-02-24"), "disclosed", "", "见附件")
    services.review(app, clerk, D("2026-02-25"), True)
    services.reply(app, clerk, D("2026-02-25"))
    app.refresh_from_db()
    text = text_of(read(reply_letter(app)))
    assert "二、信息处理费" in text and "三、救济途径" in text
    assert "按量计收信息处理费4700.00元，您已于2026年2月12日缴纳。" in text
    assert "答复内容：见附件" in text


def test_an_unpaid_fee_letter_says_it_lapsed(agency: Agency, clerk: User) -> None:
    text = text_of(read(reply_letter(closed_case(agency, clerk, "other.no_fee"))))
    assert "按量计收信息处理费700.00元" in text
    assert "未在收到收费通知次日起20个工作日内缴纳" in text


def test_a_lapsed_correction_letter_names_the_deadline(agency: Agency, clerk: User) -> None:
    text = text_of(read(reply_letter(closed_case(agency, clerk, "other.no_correction"))))
    assert "补正期限：2026年2月13日" in text and "视为您放弃申请" in text


def test_an_organisation_is_addressed_as_your_unit(agency: Agency, clerk: User) -> None:
    app = closed_case(
        agency, clerk, "withheld.third_party", applicant_type="legal", applicant_name="某律师事务所"
    )
    text = text_of(read(reply_letter(app)))
    assert "某律师事务所：" in text and "收到你单位" in text and "您" not in text


def test_the_document_number_follows_the_registration_number(agency: Agency, clerk: User) -> None:
    closed_case(agency, clerk, "disclosed")
    second = closed_case(agency, clerk, "partial")
    assert second.reg_no == "KJJ-2026-00002"
    blocks = compose(second)
    assert blocks[1].text == "KJJ公开〔2026〕2号"


def _east_asia(run: Any) -> str | None:
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))
