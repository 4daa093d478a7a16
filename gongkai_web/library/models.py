"""The report library: published annual reports collected by a supervising office, each
stored once (by content hash) with its original, read and audited in the background,
matched to an agency of the region tree, and reviewed finding by finding."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai_web.accounts.models import Agency


class Batch(models.Model):
    """One upload (or one imported folder): the files it brought, for its progress bar."""

    name = models.CharField("名称", max_length=200)
    year = models.PositiveIntegerField("年度（报告未写明时采用）", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="上传人",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "上传批次"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    QUEUED = "queued", "排队中"
    READING = "reading", "读取中"
    DONE = "done", "已处理"
    FAILED = "failed", "读取失败"


class Match(models.TextChoices):
    """How sure the library is of a report's agency and year."""

    AUTO = "auto", "自动匹配"
    UNSURE = "unsure", "待确认"
    UNMATCHED = "unmatched", "未匹配"
    CONFIRMED = "confirmed", "已人工确认"


class Report(models.Model):
    """One published report file, stored once, with what was read and found in it."""

    sha256 = models.CharField("内容哈希", max_length=64, unique=True)
    original = models.FileField("原始文件", upload_to="library/%Y/")
    filename = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, related_name="reports", verbose_name="上传批次"
    )
    collected_at = models.DateTimeField("收集时间", auto_now_add=True)
    published_on = models.DateField("发布日期", null=True, blank=True)

    status = models.CharField(
        "处理状态", max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    reason = models.CharField("失败原因", max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField("读取次数", default=0)
    read_seconds = models.FloatField("读取用时（秒）", null=True, blank=True)
    processed_at = models.DateTimeField("处理时间", null=True, blank=True)

    agency_read = models.CharField("报告中的机关名称", max_length=200, blank=True)
    # The name read, normalised as the audit groups agencies (``agency_key``): the reports
    # of one unmatched agency are found by it in one indexed query, not by a scan.
    agency_key = models.CharField("机关名称（归一）", max_length=200, blank=True)
    year_read = models.PositiveIntegerField("报告中的年度", null=True, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="library_reports",
        verbose_name="机关",
    )
    year = models.PositiveIntegerField("年度", null=True, blank=True, db_index=True)
    match = models.CharField(
        "匹配", max_length=10, choices=Match.choices, default=Match.UNMATCHED, db_index=True
    )
    template = models.CharField("格式", max_length=10, blank=True)
    cells = models.JSONField("读出的单元格", default=dict)
    provenance = models.JSONField("出处", default=dict)
    warnings = models.JSONField("读取提示", default=list)
    not_checked = models.JSONField("未能检查", default=list)
    sections = models.JSONField("各部分正文", default=dict)
    # The audit's view of the file (the core's Document, narrowed), pickled by this
    # project's own worker: what the year-against-year rules need without re-reading.
    document = models.BinaryField("审核用文本", null=True, blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings_count = models.PositiveIntegerField("警告", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "年报"
        ordering = ["agency__name", "-year", "id"]
        indexes = [
            models.Index(fields=["year", "agency"]),
            # Covers the overview's query: it never reads the rows, whose read cells and
            # document (tens of kB each) would otherwise be paged in for every report.
            models.Index(
                fields=[
                    "year",
                    "agency",
                    "status",
                    "match",
                    "published_on",
                    "collected_at",
                    "errors",
                    "warnings_count",
                    "filename",
                ],
                name="library_report_overview",
            ),
            # Covers the report list's filters and search by the name read: a report row
            # keeps its agency after tens of kB of read data, which a scan would wade through.
            models.Index(
                fields=["agency", "agency_read", "year", "status", "match"],
                name="library_report_list",
            ),
            # Covers the search for an unmatched agency's other reports by the name read.
            models.Index(
                fields=["year", "agency_key", "agency", "status"], name="library_report_same_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency or self.agency_read or self.filename} {self.year or ''}"


class Severity(models.TextChoices):
    ERROR = "error", "错误"
    WARNING = "warning", "警告"
    INFO = "info", "提示"


class Verdict(models.TextChoices):
    OPEN = "", "待审核"
    CONFIRMED = "confirmed", "确认"
    DISMISSED = "dismissed", "驳回"


class Finding(models.Model):
    """One audit finding on a report; ``year_rule`` findings compare it with the year before."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="findings", verbose_name="年报"
    )
    rule = models.CharField("规则", max_length=60, db_index=True)
    severity = models.CharField("级别", max_length=10, choices=Severity.choices)
    cells = models.JSONField("单元格", default=list)
    message = models.TextField("说明")
    evidence = models.JSONField("证据", default=list)
    year_rule = models.BooleanField("与上一年度比较", default=False)
    verdict = models.CharField(
        "审核结论", max_length=10, choices=Verdict.choices, default=Verdict.OPEN, blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = "审核发现"
        ordering = ["id"]
        indexes = [
            # Covers the overview's heatmap (counts by report and rule, dismissed left out).
            models.Index(
                fields=["report", "severity", "verdict", "rule"], name="library_finding_heatmap"
            ),
        ]


class Decision(models.Model):
    """A reviewer's decision on a finding; every decision is kept, the latest counts."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="decisions", verbose_name="审核发现"
    )
    verdict = models.CharField("结论", max_length=10, choices=Verdict.choices)
    reason = models.TextField("理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="决定人"
    )
    decided_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核决定"
        ordering = ["decided_at", "id"]


class Correction(models.Model):
    """A person's correction of a misread cell, kept beside the value read (never over it)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="corrections", verbose_name="年报"
    )
    cell = models.CharField("单元格", max_length=60)
    value = models.DecimalField("更正值", max_digits=14, decimal_places=4)
    reason = models.TextField("理由")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="更正人"
    )
    corrected_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "更正"
        ordering = ["corrected_at", "id"]


class Upload(models.Model):
    """One file as it arrived in a batch: a new report, or a duplicate of a stored one."""

    batch = models.ForeignKey(
        Batch, on_delete=models.CASCADE, related_name="uploads", verbose_name="上传批次"
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="uploads", verbose_name="年报"
    )
    filename = models.CharField("文件名", max_length=255)
    duplicate = models.BooleanField("重复文件", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "上传文件"
        ordering = ["id"]
