"""An agency's annual report for a year: the draft, its published versions, the warnings
acknowledged before publishing, and reports of earlier years imported from their files."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai_web.accounts.models import Agency


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公开"
    CORRECTING = "correcting", "更正中"


class Table2Source(models.TextChoices):
    REGISTERS = "registers", "由主动公开目录统计"
    MANUAL = "manual", "人工填写"


class TemplateChoice(models.TextChoices):
    T2019 = "2019", "2019 年版表格"
    T2021 = "2021", "2021 年版表格"


class AnnualReport(models.Model):
    """The working copy of one agency's report on one year.

    ``cells``: catalogue ids to values (None = blank); tables 3 and 4 (and 2 when the
    registers give it) are recomputed from the records on demand while not published.
    ``sections``: the editable text of each section, keyed by ``gongkai.render.Section``.
    ``changes``: what the last recomputation changed, ``[{"cell", "before", "after"}]``.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="annual_reports", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    template = models.CharField("表格版本", max_length=4, choices=TemplateChoice.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    cells = models.JSONField("表格数据", default=dict)
    sections = models.JSONField("正文", default=dict)
    overview_generated = models.TextField("上次生成的总体情况", blank=True)
    table2_source = models.CharField(
        "表二来源", max_length=20, choices=Table2Source.choices, default=Table2Source.MANUAL
    )
    changes = models.JSONField("上次重新计算的变化", default=list)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="创建时间")
    updated_at = models.DateTimeField(auto_now=True, verbose_name="修改时间")

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_report_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year} 年度报告"

    @property
    def editable(self) -> bool:
        return self.status != Status.PUBLISHED


class Version(models.Model):
    """A published version: locked (never updated), readable for ever on the portal."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.PROTECT, related_name="versions", verbose_name="年度报告"
    )
    number = models.PositiveSmallIntegerField("版本")
    agency_name = models.CharField("机关名称", max_length=100)
    template = models.CharField("表格版本", max_length=4, choices=TemplateChoice.choices)
    cells = models.JSONField("表格数据")
    sections = models.JSONField("正文")
    change_note = models.TextField("更正说明", blank=True)
    findings = models.JSONField("发布时的检查结果", default=list)
    published_at = models.DateTimeField("发布时间")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="发布人",
    )

    class Meta:
        verbose_name = verbose_name_plural = "年度报告版本"
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} 第 {self.number} 版"


class Acknowledgement(models.Model):
    """A warning of the checks that a person accepted before publishing, and why."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name="年度报告",
    )
    key = models.CharField("检查项", max_length=500)
    rule = models.CharField("规则", max_length=100)
    message = models.TextField("提示内容")
    reason = models.TextField("理由")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="确认人"
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name="确认时间")
    version = models.ForeignKey(
        Version,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acknowledgements",
        verbose_name="版本",
    )

    class Meta:
        verbose_name = verbose_name_plural = "检查提示确认"
        ordering = ["at", "id"]


def history_path(instance: HistoricalReport, filename: str) -> str:
    return f"annual/history/{instance.agency_id}/{instance.year}/{filename}"


class HistoricalReport(models.Model):
    """A report of an earlier year as published (imported from its file through the
    reader), kept with every cell's provenance for the year-on-year checks."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    template = models.CharField("表格版本", max_length=10)
    file = models.FileField("文件", upload_to=history_path)
    source_name = models.CharField("文件名", max_length=200)
    cells = models.JSONField("表格数据", default=dict)
    provenance = models.JSONField("出处", default=dict)
    warnings = models.JSONField("读取提示", default=list)
    sections = models.JSONField("正文", default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="导入人"
    )
    imported_at = models.DateTimeField(auto_now_add=True, verbose_name="导入时间")

    class Meta:
        verbose_name = verbose_name_plural = "历史年度报告"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_history_per_agency_year")
        ]
