"""The demo catalogue as data: what each demo agency publishes (title patterns by genre and
category), normative documents, policies and their interpretations, mailbox questions."""

from __future__ import annotations

# Per agency short code: (category code, genre, title pattern). {y} year, {n} a number,
# {place} a district, {m} a month.
ITEMS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "SZF": (
        ("topic.01", "notice", "{y}年市政府第{n}次常务会议纪要"),
        ("art20.03", "plan", "示范市{place}片区国土空间详细规划（{y}—2035年）"),
        ("art20.07", "report", "示范市{y}年市级财政预算执行情况"),
        ("art20.10", "announcement", "{place}片区城市更新项目批准及实施情况"),
        ("art20.12", "scheme", "示范市{place}片区防汛应急预案（{y}年修订）"),
        ("topic.02", "opinion", "关于推进{place}产业园区高质量发展的意见"),
        ("art20.04", "statistics", "示范市{y}年{m}月国民经济主要指标"),
        ("art20.14", "announcement", "示范市{y}年考试录用公务员拟录用人员名单（第{n}批）"),
    ),
    "ZRJ": (
        ("art20.05", "announcement", "{place}地块建设用地规划许可批前公示（{y}第{n}号）"),
        ("topic.04", "announcement", "{y}年第{n}批国有建设用地使用权挂牌出让公告"),
        ("art20.06", "decision", "{place}违法占地行政处罚决定书（示自然资罚〔{y}〕{n}号）"),
        ("art20.05", "reply", "关于{place}村集体土地征收的批复"),
        ("topic.04", "notice", "关于做好{y}年度耕地保护目标责任考核的通知"),
        ("art20.04", "statistics", "{y}年{m}月全市土地供应情况"),
    ),
    "ZJJ": (
        ("art20.05", "announcement", "{place}项目商品房预售许可公示（{y}第{n}批）"),
        ("art20.11", "notice", "关于开展{y}年{place}老旧小区改造的通知"),
        ("art20.13", "circular", "{y}年第{n}季度建筑施工安全生产检查情况通报"),
        ("art20.06", "decision", "对{place}物业服务企业的行政处罚决定（示建罚〔{y}〕{n}号）"),
        ("topic.09", "notice", "关于{place}小区住宅专项维修资金使用的公示"),
        ("art20.08", "announcement", "{y}年城市基础设施配套费征收标准"),
    ),
    "GAJ": (
        ("art20.05", "notice", "{y}年户籍业务办理指南（第{n}版）"),
        ("topic.14", "circular", "关于{place}路段交通管制的通告（{y}第{n}号）"),
        ("art20.06", "announcement", "{y}年第{n}批道路交通安全违法行为处理公告"),
        ("topic.14", "report", "{y}年{m}月全市治安形势分析"),
        ("art20.12", "notice", "关于做好{y}年元旦春节期间{place}烟花爆竹安全管理的通知"),
    ),
}

# Published by every agency besides its own.
COMMON: tuple[tuple[str, str, str], ...] = (
    ("art20.01", "announcement", "关于调整{place}办事大厅窗口设置的公告（{y}第{n}号）"),
    ("topic.01", "notice", "关于做好{y}年{place}片区第{n}期民生实事项目的通知"),
    ("art20.09", "announcement", "{place}片区{y}年第{n}号政府采购项目中标结果公告"),
    ("art20.09", "announcement", "{y}年第{n}批政府集中采购意向公开"),
    ("art20.07", "report", "{y}年{place}专项资金使用情况公示（第{n}期）"),
    ("topic.01", "notice", "关于召开{y}年第{n}次{place}片区工作推进会的通知"),
)

# Normative documents per agency each year: (genre, title pattern); numbered 规 + n.
NORMATIVE: dict[str, tuple[tuple[str, str], ...]] = {
    "SZF": (
        ("measures", "示范市{topic}管理办法"),
        ("opinion", "示范市人民政府关于{topic}的实施意见"),
    ),
    "ZRJ": (("provisions", "示范市{topic}管理规定"),),
    "ZJJ": (("measures", "示范市{topic}实施细则"),),
    "GAJ": (("provisions", "示范市{topic}若干规定"),),
}
NORMATIVE_TOPICS = (
    "城市更新",
    "住宅专项维修资金",
    "建设用地供应",
    "历史文化街区保护",
    "物业服务收费",
    "居住证办理",
    "政府投资项目",
    "公共资源交易",
    "城市绿化",
    "停车设施建设",
    "农村宅基地",
    "人才公寓",
)
RULE_TITLES = ("示范市城市房屋安全管理办法", "示范市政府信息公开实施办法", "示范市养犬管理规定")

DOC_PREFIX = {"SZF": "示政规", "ZRJ": "示自然资规", "ZJJ": "示建规", "GAJ": "示公规"}
NUMBER_PREFIX = {"SZF": "示政发", "ZRJ": "示自然资发", "ZJJ": "示建发", "GAJ": "示公发"}

BODY = (
    "为贯彻落实国家和省有关决策部署，进一步规范相关工作，结合本市实际，现就有关事项{what}如下。"
    "一、总体要求。坚持依法行政、公开透明、便民高效，统筹推进{topic}各项工作。"
    "二、主要任务。明确职责分工，完善工作机制，加强监督检查，确保各项措施落到实处。"
    "三、保障措施。各有关单位要高度重视，加强组织领导，及时研究解决工作中遇到的问题。"
)

LETTERS = (
    (
        "consult",
        "关于{place}小区加装电梯补贴的咨询",
        "请问{place}小区加装电梯是否有财政补贴，如何申请？",
    ),
    ("consult", "居住证办理需要哪些材料", "外地来示范市工作，办理居住证需要带哪些材料？"),
    (
        "director",
        "{place}路段夜间施工噪音扰民",
        "{place}路段工地夜间施工，噪音很大，希望加强管理。",
    ),
    ("consult", "政府信息公开申请如何提交", "想申请公开{place}片区规划材料，可以网上提交吗？"),
    (
        "director",
        "建议公开{place}片区改造进度",
        "希望定期公开{place}片区改造项目的进度和资金使用情况。",
    ),
)
ANSWERS = (
    "您好，来信收悉。经核实，相关事项按照现行规定办理，具体可拨打本机关咨询电话了解。感谢您的关注。",
    "您好，已转相关业务科室办理，将于近期完成整改，并在本网站公开办理结果。",
    "您好，可通过本网站“依申请公开”栏目在线提交申请，也可以信函、传真或当面提交。",
)
