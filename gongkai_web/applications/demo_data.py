"""The demo office as data: agencies, people with known passwords, and what applicants ask.

Used by ``seed_demo`` (``gongkai_web.applications.demo``); nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "gongkai-demo"  # every demo login; printed by ``gongkai serve``


@dataclass(frozen=True)
class DemoAgency:
    name: str
    code: str
    kind: str  # AgencyKind value
    weight: int  # share of the applications
    review_body: str
    court: str
    topics: tuple[str, ...]


CITY = "示范市"
AGENCIES = (
    DemoAgency(
        f"{CITY}人民政府",
        "SZF",
        "government",
        25,
        "示范省人民政府",
        f"{CITY}中级人民法院",
        (
            "{y}年市政府常务会议纪要中关于{place}片区改造的内容",
            "{place}片区房屋征收决定及补偿方案",
            "{y}年市政府工作报告中重点项目的资金来源文件",
            "市政府关于{place}地块土地收储的批复",
            "{y}年市政府规范性文件目录",
        ),
    ),
    DemoAgency(
        f"{CITY}自然资源和规划局",
        "ZRJ",
        "department",
        35,
        f"{CITY}人民政府",
        f"{CITY}清河区人民法院",
        (
            "{place}地块建设用地规划许可证及附图",
            "{y}年{place}村集体土地征收的征地批复及“一书四方案”",
            "{place}小区总平面图规划变更的审批材料",
            "{y}年度本局作出的不动产登记行政处罚决定",
            "{place}地块国有建设用地使用权出让合同",
        ),
    ),
    DemoAgency(
        f"{CITY}住房和城乡建设局",
        "ZJJ",
        "department",
        25,
        f"{CITY}人民政府",
        f"{CITY}清河区人民法院",
        (
            "{place}小区施工许可证及竣工验收备案材料",
            "{y}年老旧小区改造计划及{place}小区改造资金安排",
            "{place}小区住宅专项维修资金使用审批文件",
            "{place}项目商品房预售许可证",
            "{y}年对物业服务企业的检查通报",
        ),
    ),
    DemoAgency(
        f"{CITY}公安局",
        "GAJ",
        "department",
        15,
        f"{CITY}人民政府",
        f"{CITY}清河区人民法院",
        (
            "{y}年{place}路口电子警察设置的审批依据",
            "{y}年本局行政许可事项的办理时限规定",
            "{place}派出所{y}年接处警统计数据",
            "{y}年户籍迁入政策文件",
        ),
    ),
)

PLACES = ("东湖", "清河", "北关", "西苑", "南湖", "新城", "老城", "滨江", "梅园", "桃李")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明")
COMPANIES = ("置业有限公司", "建设工程有限公司", "科技有限公司", "物业服务有限公司", "商贸有限公司")


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    agency: str | None  # DemoAgency.code; None for the supervisor
    roles: tuple[str, ...]  # Role values


def demo_users() -> tuple[DemoUser, ...]:
    """Per agency one registrar, two handlers, one reviewer and an admin; one supervisor."""
    people: list[DemoUser] = []
    names = iter(
        (
            "周登记",
            "吴承办",
            "郑承办",
            "王审核",
            "冯管理",
            "陈登记",
            "褚承办",
            "卫承办",
            "蒋审核",
            "沈管理",
            "韩登记",
            "杨承办",
            "朱承办",
            "秦审核",
            "尤管理",
            "许登记",
            "何承办",
            "吕承办",
            "施审核",
            "孔管理",
        )
    )
    for agency in AGENCIES:
        code = agency.code.lower()
        for suffix, roles in (
            ("registrar", ("registrar",)),
            ("handler", ("handler",)),
            ("handler2", ("handler",)),
            ("reviewer", ("reviewer",)),
            ("admin", ("admin",)),
        ):
            people.append(DemoUser(f"{code}-{suffix}", next(names), agency.code, roles))
    people.append(DemoUser("supervisor", "政务公开办督查员", None, ("supervisor",)))
    return tuple(people)


# How often each thing happens (weights, not percentages).
APPLICANT_WEIGHTS = {
    "natural": 860,
    "commercial": 70,
    "research": 8,
    "nonprofit": 10,
    "legal": 35,
    "other": 17,
}
CHANNEL_WEIGHTS = {"online": 55, "post": 14, "letter": 8, "in_person": 16, "fax": 2, "other": 5}
OUTCOME_WEIGHTS = {
    "disclosed": 380,
    "partial": 90,
    "withheld.secret": 2,
    "withheld.law": 6,
    "withheld.security": 4,
    "withheld.third_party": 18,
    "withheld.internal": 14,
    "withheld.process": 22,
    "withheld.enforcement": 10,
    "withheld.inquiry": 12,
    "unavailable.not_held": 150,
    "unavailable.needs_creation": 40,
    "unavailable.unclear": 6,
    "not_processed.petition": 30,
    "not_processed.duplicate": 20,
    "not_processed.publication": 6,
    "not_processed.excessive": 5,
    "not_processed.confirmation": 8,
}
# Outcomes reached only by what happens to the case (not drafted): lapses and withdrawal.
BY_EVENTS = {"other.no_correction", "other.no_fee", "other.other"}

GROUNDS = {
    "disclosed": "",
    "partial": "部分内容涉及第三方个人信息，依据《条例》第十五条、第三十七条作区分处理后公开",
    "withheld.secret": "所申请信息经依法定密属于国家秘密，依据《条例》第十四条不予公开",
    "withheld.law": "所申请信息属于法律、行政法规禁止公开的信息，依据《条例》第十四条不予公开",
    "withheld.security": "公开后可能危及国家安全、公共安全、经济安全、社会稳定，依据《条例》第十四条不予公开",
    "withheld.third_party": "涉及商业秘密，第三方不同意公开，依据《条例》第十五条、第三十二条不予公开",
    "withheld.internal": "属于人事管理、后勤管理、内部工作流程等内部事务信息，依据《条例》第十六条第一款",
    "withheld.process": "属于讨论记录、过程稿、请示报告等过程性信息，依据《条例》第十六条第二款",
    "withheld.enforcement": "属于行政执法案卷信息，依据《条例》第十六条第二款可以不予公开",
    "withheld.inquiry": "属于行政查询事项，请按有关规定办理查询，依据《条例》第三十六条第（七）项",
    "unavailable.not_held": "经检索，本机关未制作或获取该信息，依据《条例》第三十六条第（四）项",
    "unavailable.needs_creation": "所需信息需要对现有信息加工、分析，依据《条例》第三十八条不予另行制作",
    "unavailable.unclear": "经补正后申请内容仍不明确，依据《条例》第三十六条第（六）项",
    "not_processed.petition": "申请实为信访、投诉、举报，依据《条例》第三十九条第一款不作为政府信息公开申请处理",
    "not_processed.duplicate": "申请人重复申请相同信息，依据《条例》第三十六条第（五）项不予重复处理",
    "not_processed.publication": "所需信息为公开出版物，依据《条例》第三十九条第二款告知获取途径",
    "not_processed.excessive": "申请人无正当理由大量、反复申请，依据《条例》第三十五条不予处理",
    "not_processed.confirmation": "要求确认或重新出具已获取的信息，依据《条例》第三十九条第二款不予处理",
}
REVIEW_RETURN_NOTES = (
    "依据引用不全，请补充条款",
    "答复内容未列明获取方式，请修改",
    "请核实信息是否已主动公开",
)
PROCEEDING_BODIES = {"review": "复议机关", "suit": "法院"}
