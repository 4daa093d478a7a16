"""Agencies and the people who work for them, with their roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", "政府部门"
    GOVERNMENT = "government", "人民政府"


class Agency(models.Model):
    """One administrative organ that answers disclosure applications (第二十七条)."""

    name = models.CharField("名称", max_length=100, unique=True)
    short_code = models.CharField(
        "简称代码", max_length=20, unique=True, help_text="用于登记编号，如 SKJ"
    )
    kind = models.CharField(
        "类型", max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    review_body = models.CharField(
        "行政复议机关", max_length=100, blank=True, help_text="告知书中的救济途径"
    )
    court = models.CharField("管辖法院", max_length=100, blank=True)
    # The region tree: a government's departments and the governments below it point to it.
    # A supervising office oversees the subtree of the agency it belongs to.
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    org_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        help_text="18 位；索引号默认以它开头",
    )
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("网站", blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "机关"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    REGISTRAR = "registrar", "登记"
    HANDLER = "handler", "承办"
    REVIEWER = "reviewer", "审核"
    ADMIN = "admin", "机关管理员"
    SUPERVISOR = "supervisor", "监督（只读；本机关及下级，或全部机关）"


class Membership(models.Model):
    """A person's role in one agency. A supervisor's membership names the region it oversees:
    that agency and every agency below it (``Agency.parent``); with no agency, all of them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="用户",
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="机关",
        help_text="监督岗位：所监督的区域（该机关及其下级）；留空为全部机关",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "岗位"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="one_role_once"),
            models.CheckConstraint(
                condition=models.Q(role="supervisor") | models.Q(agency__isnull=False),
                name="only_supervisor_without_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency or '全部机关'} · {self.get_role_display()}"
