"""Proactive disclosure (主动公开): the catalogue of items with their index numbers, review and
history; the per-agency settings; the table-2 registers; the mailbox.

Rules and normative documents are items (``doc_class``), so their lifecycle — made, repealed,
in force on any date — is derived from the catalogue, never typed twice (see ``table2``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue.defaults import CHANNELS, GENRES, WITHHELD_REASONS


class IndexScheme(models.TextChoices):
    ORG_YEAR_SEQ = "org_year_seq", "统一社会信用代码-年份-5位序号（默认）"
    CODE_YEAR_SEQ = "code_year_seq", "机关简称代码-年份-5位序号"


class CatalogueSettings(models.Model):
    """Per agency: how index numbers are made and how many sign-off levels an item needs."""

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="catalogue_settings", verbose_name="机关"
    )
    index_scheme = models.CharField(
        "索引号规则", max_length=20, choices=IndexScheme.choices, default=IndexScheme.ORG_YEAR_SEQ
    )
    signoff_levels = models.PositiveSmallIntegerField(
        "签发层级", default=2, help_text="保密审查后需要的审签级数（1—3）"
    )
    guide_note = models.TextField("指南补充说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "主动公开设置"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signoff_levels__gte=1, signoff_levels__lte=3),
                name="signoff_levels_1_to_3",
            )
        ]


class IndexCounter(models.Model):
    """The last sequence number used per agency and year: numbers are never reused."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField(default=0, verbose_name="已用到的序号")

    class Meta:
        verbose_name = verbose_name_plural = "索引号计数器"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_counter_per_year")
        ]


class Category(models.Model):
    """A node of an agency's catalogue tree (two levels: a root and its categories)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="categories", verbose_name="机关"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级分类",
    )
    code = models.CharField("编码", max_length=30)
    name = models.CharField("名称", max_length=100)
    order = models.PositiveSmallIntegerField(default=0, verbose_name="排序")

    class Meta:
        verbose_name = verbose_name_plural = "目录分类"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="category_code_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    CONFIDENTIALITY = "confidentiality", "待保密审查"
    SIGNOFF = "signoff", "待审签"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class DocClass(models.TextChoices):
    ORDINARY = "ordinary", "一般信息"
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "修改"


# Validity states that end a document's force (counted as 废止 in table 2).
ENDED = (Validity.EXPIRED, Validity.REPEALED)


class Item(models.Model):
    """One piece of government information in the catalogue (目录条目)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="catalogue_items", verbose_name="机关"
    )
    index_no = models.CharField("索引号", max_length=60, null=True, blank=True, unique=True)
    title = models.CharField("标题", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)
    issuing_body = models.CharField("发布机构", max_length=100)
    doc_no = models.CharField("文号", max_length=100, blank=True)
    formed_on = models.DateField("成文（形成）日期")
    changed_on = models.DateField("变更日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    due = models.DateField("公开期限", null=True, blank=True, help_text="第二十六条")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, verbose_name="主题分类")
    genre = models.CharField("体裁", max_length=20, choices=GENRES, default="notice")
    doc_class = models.CharField(
        "文件类别", max_length=20, choices=DocClass.choices, default=DocClass.ORDINARY
    )
    disclosure = models.CharField(
        "公开属性", max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    withheld_reason = models.CharField(
        "不予公开理由", max_length=20, choices=WITHHELD_REASONS, blank=True
    )
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    validity_changed_on = models.DateField("失效、废止或修改日期", null=True, blank=True)
    repealed_by = models.ForeignKey(
        "self",
        verbose_name="废止或修改它的文件",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeals",
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的政策文件",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpretations",
    )
    channels = models.JSONField("发布渠道", default=list, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    signoffs_done = models.PositiveSmallIntegerField("已审签级数", default=0)
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="创建人",
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="创建时间")
    updated_at = models.DateTimeField(auto_now=True, verbose_name="修改时间")

    class Meta:
        verbose_name = verbose_name_plural = "目录条目"
        indexes = [
            models.Index(fields=["status", "-published_on", "-id"], name="item_public_recent"),
            models.Index(
                fields=["agency", "status", "-published_on", "-id"], name="item_agency_recent"
            ),
            models.Index(
                fields=["category", "status", "-published_on", "-id"], name="item_category_recent"
            ),
            models.Index(fields=["agency", "status", "due"], name="item_agency_due"),
            # table 2 reads the rules and normative documents (a few per cent of the items) of
            # one agency or of all: doc_class first serves both
            models.Index(fields=["doc_class", "agency", "status"], name="item_doc_class"),
            models.Index(fields=["doc_no"], name="item_doc_no"),  # a 文号 searched as typed
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == ItemStatus.PUBLISHED and self.disclosure == Disclosure.PROACTIVE

    def channel_names(self) -> list[str]:
        names = dict(CHANNELS)
        return [names.get(c, c) for c in self.channels]


class EventKind(models.TextChoices):
    CREATED = "created", "起草"
    EDITED = "edited", "修改"
    SUBMITTED = "submitted", "提交保密审查"
    CLEARED = "cleared", "保密审查通过"
    SIGNED = "signed", "审签"
    RETURNED = "returned", "退回修改"
    PUBLISHED = "published", "发布"
    WITHDRAWN = "withdrawn", "撤回"
    VALIDITY = "validity", "有效性变更"
    ATTACHMENT = "attachment", "上传附件"
    IMPORTED = "imported", "导入"


class ItemEvent(models.Model):
    """The history of an item: every step and change, who and when (never deleted)."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="events", verbose_name="目录条目"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices, verbose_name="事项")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name="时间")
    level = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name="级别")
    note = models.TextField(blank=True, verbose_name="说明")
    changes = models.JSONField(default=dict, blank=True, verbose_name="变更内容")

    class Meta:
        verbose_name = verbose_name_plural = "目录条目记录"
        ordering = ["at", "id"]


def item_file_path(instance: ItemAttachment, filename: str) -> str:
    return f"catalogue/{instance.item.agency_id}/{instance.item_id}/{filename}"


class ItemAttachment(models.Model):
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="attachments", verbose_name="目录条目"
    )
    file = models.FileField("文件", upload_to=item_file_path)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name="上传时间")

    class Meta:
        verbose_name = verbose_name_plural = "目录条目附件"


# ---- table-2 registers -------------------------------------------------------------------


class DecisionKind(models.TextChoices):
    LICENSE = "license", "行政许可"
    OTHER_MGMT = "other_mgmt", "其他对外管理服务事项"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"


class DecisionCount(models.Model):
    """Decisions made in one month (处理决定数量), entered or imported."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关"
    )
    kind = models.CharField("类别", max_length=20, choices=DecisionKind.choices)
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    count = models.PositiveIntegerField("决定数量")

    class Meta:
        verbose_name = verbose_name_plural = "行政决定数量"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "month"], name="one_decision_count_per_month"
            )
        ]


class MatterKind(models.TextChoices):
    LICENSE = "license", "行政许可"
    OTHER_MGMT = "other_mgmt", "其他对外管理服务事项"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    FEE = "fee", "行政事业性收费"


class MatterCount(models.Model):
    """How many matters (事项) of a kind the agency's list held at the end of a year (2019
    form: 上一年项目数量 and 本年增/减 come from two consecutive years)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关"
    )
    kind = models.CharField("类别", max_length=20, choices=MatterKind.choices)
    year = models.PositiveSmallIntegerField("年")
    count = models.PositiveIntegerField("年末事项数量")

    class Meta:
        verbose_name = verbose_name_plural = "办理事项数量"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year"], name="one_matter_count")
        ]


class FeeCollected(models.Model):
    """Fees collected in one month, in 万元."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    amount = models.DecimalField("收费金额（万元）", max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = verbose_name_plural = "行政事业性收费"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "month"], name="one_fee_per_month")
        ]


class Procurement(models.Model):
    """政府集中采购 of a year (2019 form): projects and total amount in 万元."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年")
    items = models.PositiveIntegerField("采购项目数量")
    amount = models.DecimalField("采购总金额（万元）", max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = verbose_name_plural = "政府集中采购"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_procurement_per_year")
        ]


# ---- mailbox -----------------------------------------------------------------------------


class LetterKind(models.TextChoices):
    DIRECTOR = "director", "局长信箱"
    CONSULT = "consult", "咨询"


class Letter(models.Model):
    """A question from the public; staff answer it and may publish question and answer."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="letters", verbose_name="机关"
    )
    kind = models.CharField("类型", max_length=20, choices=LetterKind.choices)
    name = models.CharField("姓名", max_length=100)
    contact = models.CharField("联系方式", max_length=200)
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("内容")
    received_at = models.DateTimeField("来信时间")
    reply = models.TextField("答复", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="答复人",
    )
    published = models.BooleanField("公开", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "信箱来信"
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["agency", "published", "-received_at"], name="letter_pub")]
