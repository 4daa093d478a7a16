"""The wording of every letter, as data: the defaults an agency admin may adjust.

``STEP_TEXTS`` holds the step letters (受理回执, 补正告知书, 延期答复告知书, 征求意见函,
收费通知书); ``TEXTS`` the decision paragraph of the reply letter (政府信息公开申请答复告知书)
for each outcome. ``wording.py`` lists them all under stable keys and applies an agency's
overrides (``models.Wording``).

One entry per closing outcome (the 2021 table 3 result rows), with the articles of
《中华人民共和国政府信息公开条例》 (2019) it rests on. The mapping of outcomes to articles
follows the regulations spec (regulations.md §1.1, §1.3); entries marked UNCONFIRMED below are readings
of the form's row labels that no primary text settles: check them before relying on them.

Placeholders filled by ``letters.py``: ``{you}`` (您 / 你单位), ``{basis}`` (the entry's
articles, prefixed with 《条例》), ``{delivery}``, ``{correction_due}``. The applicant's own
words (description, grounds) are never put through ``str.format``.
"""

from __future__ import annotations

from dataclasses import dataclass

LAW = "《中华人民共和国政府信息公开条例》"
TITLE = "政府信息公开申请答复告知书"
DOC_NUMBER = "{code}公开〔{year}〕{n}号"
YOU_PERSON = "您"
YOU_ORGANISATION = "你单位"


@dataclass(frozen=True, slots=True)
class OutcomeText:
    """The decision paragraph of one outcome.

    ``basis``: the articles of the 条例 cited (without the law's name; empty when none applies);
    ``decision``: the paragraph stating the decision; ``lead``: the words put before the
    case's own grounds text.
    """

    basis: str
    decision: str
    lead: str = "理由："


_WITHHELD = "根据《条例》{basis}的规定，本机关决定不予公开。"

TEXTS: dict[str, OutcomeText] = {
    # 第三十六条（一）已主动公开 and（二）可以公开 both count as 予以公开 (regulations.md §1.3).
    "disclosed": OutcomeText(
        "第十三条、第三十六条第（一）项、第（二）项",
        "经审查，{you}申请公开的信息属于可以公开的政府信息。根据《条例》{basis}的规定，"
        "本机关决定予以公开，通过{delivery}向{you}提供。",
        "具体情况：",
    ),
    "partial": OutcomeText(
        "第三十七条、第三十六条第（三）项",
        "经审查，{you}申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。"
        "根据《条例》{basis}的规定，本机关决定部分公开：向{you}提供可以公开的政府信息内容，"
        "不予公开部分的理由见下。",
        "不予公开部分的理由：",
    ),
    "withheld.secret": OutcomeText(
        "第十四条、第三十六条第（三）项",
        "经审查，{you}申请公开的信息属于依法确定为国家秘密的政府信息。" + _WITHHELD,
    ),
    "withheld.law": OutcomeText(
        "第十四条、第三十六条第（三）项",
        "经审查，{you}申请公开的信息属于法律、行政法规禁止公开的政府信息。" + _WITHHELD,
    ),
    "withheld.security": OutcomeText(
        "第十四条、第三十六条第（三）项",
        "经审查，{you}申请公开的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
        + _WITHHELD,
    ),
    "withheld.third_party": OutcomeText(
        "第十五条、第三十六条第（三）项",
        "经审查，{you}申请公开的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "且第三方未同意公开、不公开亦不会对公共利益造成重大影响。" + _WITHHELD,
    ),
    "withheld.internal": OutcomeText(
        "第十六条第一款、第三十六条第（三）项",
        "经审查，{you}申请公开的信息属于行政机关的内部事务信息（人事管理、后勤管理、"
        "内部工作流程等方面的信息）。" + _WITHHELD,
    ),
    "withheld.process": OutcomeText(
        "第十六条第二款、第三十六条第（三）项",
        "经审查，{you}申请公开的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息。" + _WITHHELD,
    ),
    "withheld.enforcement": OutcomeText(
        "第十六条第二款、第三十六条第（三）项",
        "经审查，{you}申请公开的信息属于行政执法案卷信息。" + _WITHHELD,
    ),
    # UNCONFIRMED: the form's row 8 has no article of its own; tied to 第三十六条（七） (spec §1.1).
    "withheld.inquiry": OutcomeText(
        "第三十六条第（七）项",
        "经审查，{you}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取"
        "有特别规定。根据《条例》{basis}的规定，请{you}依照有关法律、行政法规的规定办理。",
        "办理途径：",
    ),
    # UNCONFIRMED: 第三十六条（四）不存在 and（五）非本机关负责 both read as row 无法提供／1.
    "unavailable.not_held": OutcomeText(
        "第三十六条第（四）项、第（五）项",
        "经检索，本机关没有{you}申请公开的政府信息，或者该信息不属于本机关负责公开。"
        "根据《条例》{basis}的规定，本机关无法提供。",
        "具体情况：",
    ),
    "unavailable.needs_creation": OutcomeText(
        "第三十八条",
        "经审查，本机关没有{you}申请公开的现成信息，需要对现有政府信息进行加工、分析方能形成。"
        "根据《条例》{basis}的规定，行政机关向申请人提供的信息应当是已制作或者获取的政府信息，"
        "本机关不予提供。",
    ),
    # UNCONFIRMED: the row is 补正后仍不明确; 第二十九条第二款第（二）项 (特征性描述) and
    # 第三十条 (补正) are the articles it rests on, no article names the outcome itself.
    "unavailable.unclear": OutcomeText(
        "第二十九条第二款第（二）项、第三十条",
        "本机关已告知{you}对申请内容作出补正，但补正后的申请内容仍不明确，本机关无法据以确定"
        "{you}所需的政府信息。根据《条例》{basis}的规定，本机关无法提供。",
    ),
    "not_processed.petition": OutcomeText(
        "第三十九条第一款",
        "经审查，{you}以政府信息公开申请的形式进行信访、投诉、举报等活动。根据《条例》{basis}的规定，"
        "本机关不作为政府信息公开申请处理，{you}可以通过信访、投诉、举报等相应渠道提出。",
    ),
    "not_processed.duplicate": OutcomeText(
        "第三十六条第（六）项",
        "本机关已就{you}提出的政府信息公开申请作出答复，{you}此次重复申请公开相同的政府信息。"
        "根据《条例》{basis}的规定，本机关不予重复处理。",
    ),
    "not_processed.publication": OutcomeText(
        "第三十九条第二款",
        "经审查，{you}的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物。"
        "根据《条例》{basis}的规定，本机关不作为政府信息公开申请处理，现告知获取的途径。",
        "获取途径：",
    ),
    "not_processed.excessive": OutcomeText(
        "第三十五条",
        "{you}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求{you}说明理由，"
        "经审查认为申请理由不合理。根据《条例》{basis}的规定，本机关不予处理。",
    ),
    # UNCONFIRMED: the form's row 5 has no article of its own. Cited: 第二条 (what 政府信息 is)
    # and 第三十八条 (only information already made or obtained is provided).
    "not_processed.confirmation": OutcomeText(
        "第二条、第三十八条",
        "经审查，{you}的申请是要求本机关确认或者重新出具{you}已经获取的信息，不属于申请获取"
        "本机关已制作或者获取的政府信息。根据《条例》{basis}的规定，本机关不作为政府信息公开申请处理。",
    ),
    "other.no_correction": OutcomeText(
        "第三十条",
        "本机关已一次性告知{you}对申请作出补正（补正期限：{correction_due}），{you}无正当理由"
        "逾期未补正。根据《条例》{basis}的规定，视为{you}放弃申请，本机关不再处理该政府信息公开申请。",
        "说明：",
    ),
    # The 办法's article on the 20-working-day payment period is UNCONFIRMED (spec §3): cited by name.
    "other.no_fee": OutcomeText(
        "第四十二条",
        "本机关依照《条例》{basis}和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        "向{you}发出收费通知，{you}逾期未按收费通知要求缴纳费用，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        "说明：",
    ),
    # 其他处理／其他 (e.g. the applicant withdrew): no article names it; the grounds say what.
    "other.other": OutcomeText(
        "",
        "本机关对{you}的政府信息公开申请作如下处理。",
        "",
    ),
}

SALUTATION = "{name}："
RECEIPT = (
    "本机关于{received}收到{you}的政府信息公开申请（提交方式：{channel}；登记编号：{reg_no}），"
    "申请公开“{description}”（信息的形式要求：{form_wanted}；获取方式：{delivery}）。"
    "根据" + LAW + "（以下简称《条例》），现答复如下："
)
REPLY_TEXT_LEAD = "答复内容："

HEADING_DECISION = "答复意见"
HEADING_FEE = "信息处理费"
HEADING_REMEDIES = "救济途径"
NUMERALS = "一二三四五六七八九十"

FEE_MEASURE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
FEE_NOTICE = "本机关依照{measure}，于{served}向{you}发出收费通知，{method}信息处理费{amount}元，"
FEE_PAID = "{you}已于{paid}缴纳。"
FEE_LAPSED = "{you}未在收到收费通知次日起20个工作日内缴纳。"
FEE_OUTSTANDING = "尚未缴纳。"

# Remedies: 条例第五十一条. The periods are those of 《中华人民共和国行政复议法》(2023修订, in force
# 2024-01-01) 第二十条 (60日) and 《中华人民共和国行政诉讼法》第四十六条第一款 (6个月). Those two
# article numbers are CONFIRMED (secondary): several independent public codebases quote the
# articles with these numbers; the statute texts themselves were not read.
REMEDIES = (
    "{you}如对本答复不服，可以根据《条例》第五十一条的规定，自收到本告知书之日起60日内"
    "向{review_body}申请行政复议（《中华人民共和国行政复议法》第二十条），或者自收到本告知书之日起"
    "6个月内向{court}提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
)
GENERIC_REVIEW_BODY = "本机关的上一级主管部门或者本级人民政府"
GENERIC_COURT = "有管辖权的人民法院"

CLOSING = "特此告知。"
NOTE = "（联系地址：{address}；联系电话：{phone}）"

# --- the step letters ------------------------------------------------------------------------
# Placeholders: {you} 您/你单位, {received} 收到申请日期, {reg_no}, {due} 答复期限, {code} 查询码,
# and per letter the ones named in wording.py. The applicant's and the handler's own words
# (what a 补正 must supply, the description) are separate paragraphs, never templates.

STEP_TITLES = {
    "receipt": "政府信息公开申请受理回执",
    "correction": "政府信息公开申请补正告知书",
    "extension": "政府信息公开申请延期答复告知书",
    "consultation_third_party": "政府信息公开征求第三方意见函",
    "consultation_agency": "政府信息公开征求意见函",
    "fee": "政府信息公开信息处理费收费通知书",
}

STEP_TEXTS = {
    "receipt.body": (
        "本机关于{received}收到{you}提交的政府信息公开申请（提交方式：{channel}；登记编号：{reg_no}），"
        "申请公开的信息见下。根据《条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内，"
        "即{due}前作出答复；需要延长答复期限的，将另行书面告知。"
    ),
    "receipt.tracking": "{you}可凭查询码 {code} 在本机关网站“办理进度查询”页面查看办理进展。",
    "correction.body": (
        "本机关于{received}收到{you}的政府信息公开申请（登记编号：{reg_no}）。经审查，申请内容"
        "不明确。根据《条例》第三十条的规定，请{you}于{correction_due}前对下列事项作出补正："
    ),
    "correction.after": (
        "答复期限自本机关收到补正的申请之日起计算。{you}无正当理由逾期不补正的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。"
    ),
    "extension.body": (
        "本机关于{received}收到{you}的政府信息公开申请（登记编号：{reg_no}）。本机关不能在"
        "20个工作日内作出答复，经政府信息公开工作机构负责人同意，根据《条例》第三十三条第二款的规定，"
        "答复期限延长{days}个工作日，本机关将于{due}前作出答复。"
    ),
    "consultation_third_party.body": (
        "本机关于{received}收到政府信息公开申请（登记编号：{reg_no}），申请公开的信息见下。"
        "该信息的公开可能损害贵方的合法权益。根据《条例》第三十二条的规定，现书面征求贵方意见，"
        "请自收到本函之日起15个工作日内提出意见。逾期未提出意见的，由本机关依照《条例》的规定决定。"
    ),
    "consultation_agency.body": (
        "本机关于{received}收到政府信息公开申请（登记编号：{reg_no}），申请公开的信息见下，"
        "涉及贵单位。根据《条例》第三十四条的规定，现征求贵单位意见，请自收到本函之日起15个"
        "工作日内提出意见；逾期未提出意见的，视为同意公开。"
    ),
    "fee.body": (
        "本机关于{received}收到{you}的政府信息公开申请（登记编号：{reg_no}）。根据《条例》"
        "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本申请"
        "{method}收取信息处理费{amount}元。"
    ),
    "fee.after": (
        "请{you}自收到本通知书次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。"
    ),
}
DESCRIPTION_LEAD = "申请公开的信息："
CORRECTION_ITEMS_LEAD = "需要补正的事项："
SEAL = "（印章）"
ATTACHMENTS_LEAD = "附件："
