"""Applications for government information, from intake to reply, and what followed.

The applicant types are exactly table 3's columns and the closing outcomes exactly its result
rows (2021 form), so tables 3 and 4 are counted from these rows, never typed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.catalogue.forms import T3_COLUMNS, T3_ROWS, Template, t3_row_ids
from gongkai.workdays.deadlines import CHANNEL_NAMES, Channel
from gongkai_web.accounts.models import Agency

APPLICANT_TYPES = [(c.id, c.label) for c in T3_COLUMNS if c.id != "total"]
_NOT_RESULTS = {"new", "carried_in", "results_total", "carried_out"}
_LABELS = {r.id: r.label for r in T3_ROWS}
_GROUPS = {
    "withheld": "不予公开",
    "unavailable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
}
OUTCOMES = [
    (row, (_GROUPS[row.split(".")[0]] + "／" if "." in row else "") + _LABELS[row])
    for row in t3_row_ids(Template.T2021)
    if row not in _NOT_RESULTS
]
CHANNELS = [(c.value, CHANNEL_NAMES[c]) for c in Channel]


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    HANDLING = "handling", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    IN_REVIEW = "in_review", "待审核"
    APPROVED = "approved", "审核通过待答复"
    CLOSED = "closed", "已办结"


OPEN_STATUSES = [s for s in Status.values if s != Status.CLOSED]


class ClockKind(models.TextChoices):
    """The statutory clocks a case runs on (see applications/clocks.py)."""

    REPLY = "reply", "答复期限"
    CORRECTION_NOTICE = "correction_notice", "补正告知期限"
    CORRECTION = "correction", "申请人补正期限"
    CONSULTATION = "consultation", "征求意见答复期限"
    FEE = "fee", "申请人缴费期限"
    EXTENSION = "extension", "延期审批期限"


def id_search_key(text: str) -> str:
    """The number of an identity document, letters and digits, upper case: what a search
    matches ("居民身份证 11010119900101123x" → "11010119900101123X")."""
    return "".join(c for c in text.upper() if c.isascii() and c.isalnum())[:40]


def phone_search_key(text: str) -> str:
    """The digits of a phone number ("0510-8100 0000" → "051081000000")."""
    return "".join(c for c in text if c.isascii() and c.isdigit())[:40]


class Application(models.Model):
    """One application (政府信息公开申请) and where it stands."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="applications", verbose_name="受理机关"
    )
    reg_no = models.CharField("登记编号", max_length=40)
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    # 第二十九条（一）: the applicant
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_TYPES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_document = models.CharField(
        "身份证明", max_length=100, help_text="证件类型及号码，或统一社会信用代码"
    )
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    # 第二十九条（二）: the information
    description = models.TextField("所需信息的名称、文号或特征描述")
    # 第二十九条（三）: the form
    form_wanted = models.CharField("信息的形式要求", max_length=100, help_text="如：纸质、电子文档")
    delivery = models.CharField(
        "获取信息的方式、途径", max_length=100, help_text="如：邮寄、电子邮件、自行领取"
    )
    # 第三十一条: receipt
    channel = models.CharField("提交方式", max_length=20, choices=CHANNELS)
    arrived = models.DateField("到达日期")
    confirmed = models.DateField("确认日期", null=True, blank=True)
    received = models.DateField("收到申请日期", db_index=True)
    # handling
    status = models.CharField(
        "状态", max_length=30, choices=Status.choices, default=Status.REGISTERED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承办人",
    )
    corrected = models.DateField("收到补正日期", null=True, blank=True)
    correction_due = models.DateField("补正期限", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长工作日", null=True, blank=True)
    extension_approved_by = models.CharField("延期批准人", max_length=100, blank=True)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    due = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField("答复期限为暂定", default=False)
    timing_error = models.CharField("期限无法计算的原因", max_length=300, blank=True)
    # The next deadline of an open case on any of its clocks (None when closed), kept by
    # applications/clocks.py so that lists and queues are plain index scans.
    next_deadline = models.DateField("下一期限", null=True, blank=True)
    next_deadline_kind = models.CharField(
        "下一期限类别", max_length=20, choices=ClockKind.choices, blank=True
    )
    provisional = models.BooleanField("下一期限为暂定", default=False)
    # Search keys (indexed): the ID number and the phone, letters and digits only.
    id_key = models.CharField("证件号码检索键", max_length=40, blank=True, editable=False)
    phone_key = models.CharField("电话检索键", max_length=40, blank=True, editable=False)
    # outcome
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOMES, blank=True)
    grounds = models.TextField("理由和依据", blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    fee_method = models.CharField("收费方式", max_length=10, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请"
        ordering = ["-received", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "reg_no"], name="reg_no_unique_in_agency"),
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_on__isnull=False) & ~models.Q(outcome="")
                | (~models.Q(status="closed") & models.Q(closed_on__isnull=True)),
                name="closed_has_date_and_outcome",
            ),
        ]
        indexes = [
            # Tables 3 and 4 (annual/tables.py) are answered from these alone (covering: they
            # hold every column the counts read), per agency and for all agencies. With a
            # million cases they take a year's table 3 from 1.6 s to 0.3 s on SQLite.
            models.Index(
                fields=["agency", "received", "closed_on", "applicant_type"],
                name="app_t3_agency_received",
            ),
            models.Index(
                fields=["agency", "closed_on", "received", "outcome", "applicant_type"],
                name="app_t3_agency_closed",
            ),
            models.Index(
                fields=["received", "closed_on", "applicant_type"], name="app_t3_received"
            ),
            models.Index(
                fields=["closed_on", "received", "outcome", "applicant_type"],
                name="app_t3_closed",
            ),
            models.Index(fields=["agency", "status", "due"], name="app_agency_status_due"),
            models.Index(fields=["agency", "-received", "-id"], name="app_agency_list"),
            # Clocks, queues and lists (applications/clocks.py, accounts/queues.py).
            # covering for the overdue, due-soon and 暂定 counts (the overview, the banner)
            models.Index(
                fields=["agency", "next_deadline", "next_deadline_kind", "provisional"],
                name="app_agency_next",
            ),
            models.Index(fields=["next_deadline", "next_deadline_kind"], name="app_next"),
            models.Index(
                fields=["agency", "due_provisional", "next_deadline"], name="app_agency_due_prov"
            ),
            models.Index(
                fields=["agency", "status", "next_deadline"], name="app_agency_status_next"
            ),
            models.Index(
                fields=["agency", "assignee", "next_deadline"], name="app_agency_assignee_next"
            ),
            models.Index(fields=["assignee", "-received", "-id"], name="app_assignee_list"),
            models.Index(
                fields=["agency", "provisional", "-received", "-id"], name="app_agency_provisional"
            ),
            # the case list filtered by status, newest first, and its count. Not by outcome or
            # applicant type: such indexes lead SQLite's planner away from table 3's covering
            # indexes (a year's table 3 of one agency from 0.7 s to 3.3 s over a million cases).
            models.Index(
                fields=["agency", "status", "-received", "-id"], name="app_agency_status_list"
            ),
            models.Index(fields=["id_key"], name="app_id_key"),
            models.Index(fields=["phone_key"], name="app_phone_key"),
            models.Index(fields=["-received", "-id"], name="app_list"),
        ]

    def __str__(self) -> str:
        return f"{self.reg_no} {self.applicant_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.id_key = id_search_key(self.id_document)
        self.phone_key = phone_search_key(self.phone)
        fields = kwargs.get("update_fields")
        if fields is not None and ({"id_document", "phone"} & set(fields)):
            kwargs["update_fields"] = {*fields, "id_key", "phone_key"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def deadline_check_reason(self) -> str:
        """Why an open case has no next deadline (Chinese; shown in 需要人工核对期限), or ""."""
        if not self.is_open or self.next_deadline is not None:
            return ""
        if self.timing_error:
            return self.timing_error
        if self.status == Status.AWAITING_CORRECTION and self.correction_due is None:
            return "待补正，但没有记录申请人的补正期限"
        return "未能算出下一期限：请打开案件，核对收到日期和办理记录"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    ASSIGNED = "assigned", "分办"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    CONSULTATION_SENT = "consultation_sent", "征求意见"
    CONSULTATION_ANSWERED = "consultation_answered", "收到意见"
    EXTENSION_APPROVED = "extension_approved", "批准延期"
    FEE_ISSUED = "fee_issued", "发出收费通知"
    FEE_PAID = "fee_paid", "缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    REPLY_DRAFTED = "reply_drafted", "拟定答复"
    REVIEW_APPROVED = "review_approved", "审核通过"
    REVIEW_RETURNED = "review_returned", "审核退回"
    REPLIED = "replied", "答复"
    CLOSED = "closed", "办结"
    WITHDRAWN = "withdrawn", "申请人撤回"
    RETIMED = "retimed", "重新计算期限"
    PROCEEDING = "proceeding", "复议诉讼"
    ATTACHMENT = "attachment", "上传附件"


class CaseEvent(models.Model):
    """One step of the handling: who did what, on which day, and the due date after it."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="events", verbose_name="申请"
    )
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    note = models.TextField("说明", blank=True)
    due_after = models.DateField("之后的答复期限", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理记录"
        ordering = ["at", "id"]


class Consultation(models.Model):
    """A consultation of a third party (第三十二条) or another agency (第三十四条)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="consultations", verbose_name="申请"
    )
    party = models.CharField("征求对象", max_length=200)
    agency = models.BooleanField("对象为其他机关", default=False)
    sent = models.DateField("发出日期")
    answered = models.DateField("答复日期", null=True, blank=True)
    opinion = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "征求意见"
        ordering = ["sent", "id"]


class FeeNotice(models.Model):
    """A fee notice (《政府信息公开信息处理费管理办法》) and its payment."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="fees", verbose_name="申请"
    )
    method = models.CharField(
        "计收方式", max_length=10, choices=[("item", "按件计收"), ("page", "按量计收")]
    )
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    served = models.DateField("送达日期")
    paid = models.DateField("缴费日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "收费通知"
        ordering = ["served", "id"]


class ProceedingKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    SUIT_DIRECT = "suit_direct", "行政诉讼（未经复议直接起诉）"
    SUIT_AFTER_REVIEW = "suit_after_review", "行政诉讼（复议后起诉）"


class ProceedingResult(models.TextChoices):
    PENDING = "pending", "尚未审结"
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


class Proceeding(models.Model):
    """行政复议 or 行政诉讼 over one application's answer (table 4)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="proceedings", verbose_name="申请"
    )
    kind = models.CharField("类型", max_length=20, choices=ProceedingKind.choices)
    filed_on = models.DateField("受理日期")
    body = models.CharField("复议机关或法院", max_length=200, blank=True)
    result = models.CharField(
        "结果", max_length=20, choices=ProceedingResult.choices, default=ProceedingResult.PENDING
    )
    decided_on = models.DateField("审结日期", null=True, blank=True)
    review = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suits",
        verbose_name="复议后起诉所依据的复议",
    )

    class Meta:
        verbose_name = verbose_name_plural = "复议诉讼"
        ordering = ["filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="pending", decided_on__isnull=True)
                | (~models.Q(result="pending") & models.Q(decided_on__isnull=False)),
                name="decided_has_date",
            )
        ]
        indexes = [models.Index(fields=["kind", "filed_on"], name="proc_kind_filed")]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.application.agency_id}/{instance.application_id}/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="attachments", verbose_name="申请"
    )
    file = models.FileField("文件", upload_to=attachment_path)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "附件"


class AuditEntry(models.Model):
    """Every change, append-only: who, when, which object, what it was and became."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="机关",
    )
    model = models.CharField("对象类型", max_length=50)
    object_id = models.CharField("对象编号", max_length=40)
    action = models.CharField("操作", max_length=30)
    changes = models.JSONField("变更内容", default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["at", "id"]


class RegistrationCounter(models.Model):
    """The last registration number given in one agency and year.

    Taken under a row lock (``select_for_update`` on PostgreSQL; SQLite's write transaction
    is immediate, so the whole database is the lock), so two submissions arriving at once
    never read the same number.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用到的编号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "登记编号计数器"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_counter_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}：{self.last}"
