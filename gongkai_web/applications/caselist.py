"""The case list's filters and order, shared by the page and its exports.

Every filter is optional and an invalid one is left out (with its message shown), so a
hand-edited address never fails. The search box recognises what was typed: a tracking code,
an ID number, a phone number or a registration number is matched exactly on an indexed key;
anything else is looked for in the applicant's name and the description (a scan).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from gongkai_web.accounts.access import supervises_all, visible_agencies
from gongkai_web.accounts.models import Agency
from gongkai_web.accounts.queues import overdue, unclocked
from gongkai_web.applications.models import (
    APPLICANT_TYPES,
    OPEN_STATUSES,
    OUTCOMES,
    Application,
    ClockKind,
    Status,
    id_search_key,
    phone_search_key,
)
from gongkai_web.applications.services import TRACKING_ALPHABET
from gongkai_web.input_hygiene import CleanInputMixin

# Sort keys offered (each backed by an index with the agency first, see models.Meta).
SORTS = {
    "-received": ("收到日期（新→旧）", ["-received", "-id"]),
    "received": ("收到日期（旧→新）", ["received", "id"]),
    "next_deadline": ("下一期限（近→远，仅未办结）", ["next_deadline", "id"]),
    "-next_deadline": ("下一期限（远→近，仅未办结）", ["-next_deadline", "-id"]),
    "reg_no": ("登记编号（小→大）", ["reg_no"]),
    "-reg_no": ("登记编号（大→小）", ["-reg_no"]),
}
DEFAULT_SORT = "-received"
_TRACKING = re.compile(f"^[{TRACKING_ALPHABET}]{{12}}$")
_ID = re.compile(r"^(\d{15}|\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18})$")
_PHONE = re.compile(r"^\d{7,13}$")
_REG_NO = re.compile(r"^[A-Z0-9]+-\d{4}-\d+$")


class ListFilter(CleanInputMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label="机关", queryset=Agency.objects.none(), required=False, empty_label="全部"
    )
    status = forms.ChoiceField(
        label="状态", choices=[("", "全部"), *Status.choices], required=False
    )
    applicant_type = forms.ChoiceField(
        label="申请人类型", choices=[("", "全部"), *APPLICANT_TYPES], required=False
    )
    outcome = forms.ChoiceField(label="办理结果", choices=[("", "全部"), *OUTCOMES], required=False)
    received_from = forms.DateField(
        label="收到日期自", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label="至", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    year = forms.IntegerField(label="收到年份", min_value=2008, max_value=2100, required=False)
    assignee = forms.ChoiceField(label="承办人", choices=[("", "全部")], required=False)
    clock = forms.ChoiceField(
        label="下一期限类别", choices=[("", "全部"), *ClockKind.choices], required=False
    )
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=100,
        help_text="查询码、身份证号、电话、登记编号或申请人姓名",
    )
    sort = forms.ChoiceField(
        label="排序", choices=[(k, v[0]) for k, v in SORTS.items()], required=False
    )
    cell = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)
    cell_year = forms.IntegerField(
        required=False, min_value=2008, max_value=2100, widget=forms.HiddenInput
    )
    open = forms.BooleanField(label="仅未办结", required=False)
    overdue = forms.BooleanField(label="仅已逾期", required=False)
    provisional = forms.BooleanField(label="仅暂定期限", required=False)
    unclocked = forms.BooleanField(label="仅需人工核对期限", required=False)

    def __init__(self, data: Any, user: Any) -> None:
        super().__init__(data)
        self.user = user
        agencies = visible_agencies(user)
        self.fields["agency"].queryset = agencies
        people = (
            get_user_model()
            .objects.filter(memberships__agency__in=agencies)
            .distinct()
            .order_by("first_name", "username")
        )
        from gongkai_web.accounts.templatetags.people import display_name

        choices = [("", "全部"), ("me", "我自己"), ("none", "无人承办")]
        choices += [(str(p.pk), display_name(p)) for p in people[:300]]
        self.fields["assignee"].choices = choices

    def clean_cell(self) -> str:
        from gongkai_web.annual.tables import cell_cases

        cell: str = self.cleaned_data.get("cell") or ""
        try:
            if cell:
                cell_cases(cell, 2020)
        except ValueError:
            raise forms.ValidationError(f"年度报表中没有“{cell}”这一格") from None
        return cell

    @property
    def cell_label(self) -> str:
        """What the annual-table cell filter shows, in words ("" without one)."""
        d = getattr(self, "cleaned_data", {})
        if not d.get("cell") or not d.get("cell_year"):
            return ""
        return f"{d['cell_year']} 年度报表 {d['cell']} 所计的申请"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", "结束日期早于开始日期")
        return data


def search(apps: QuerySet[Application], text: str) -> QuerySet[Application]:
    """Match what ``text`` looks like on its indexed key (see the module's description)."""
    raw = text.strip()
    upper = raw.upper().replace(" ", "")
    if _TRACKING.match(upper):
        return apps.filter(tracking_code=upper)
    if _REG_NO.match(upper):
        return apps.filter(reg_no=upper)
    key = id_search_key(raw)
    if _ID.match(key):
        return apps.filter(id_key=key)
    phone = phone_search_key(raw)
    if _PHONE.match(phone) and len(phone) >= len(raw.replace(" ", "").replace("-", "")):
        return apps.filter(phone_key=phone)
    return apps.filter(
        Q(applicant_name__icontains=raw)
        | Q(description__icontains=raw)
        | Q(reg_no__startswith=upper)
    )


def filtered(user: Any, f: ListFilter, today: dt.date) -> QuerySet[Application]:
    """The visible cases matching the valid filters, in the order asked for. Agency ids are
    resolved first so that one agency is an equality on the indexes."""
    d = f.cleaned_data if hasattr(f, "cleaned_data") else {}
    apps = Application.objects.select_related("agency", "assignee")
    agency = d.get("agency")
    if agency is not None:
        apps = apps.filter(agency=agency)
    elif not supervises_all(user):
        ids = list(visible_agencies(user).values_list("id", flat=True))
        apps = apps.filter(agency_id=ids[0]) if len(ids) == 1 else apps.filter(agency_id__in=ids)
    if d.get("status"):
        apps = apps.filter(status=d["status"])
    elif d.get("open"):
        apps = apps.filter(status__in=OPEN_STATUSES)
    for name in ("applicant_type", "outcome"):
        if d.get(name):
            apps = apps.filter(**{name: d[name]})
    if d.get("year"):
        apps = apps.filter(
            received__gte=dt.date(d["year"], 1, 1), received__lte=dt.date(d["year"], 12, 31)
        )
    if d.get("received_from"):
        apps = apps.filter(received__gte=d["received_from"])
    if d.get("received_to"):
        apps = apps.filter(received__lte=d["received_to"])
    apps = _by_assignee(apps, d.get("assignee") or "", user)
    if d.get("clock"):
        apps = apps.filter(next_deadline_kind=d["clock"])
    if d.get("overdue"):
        apps = overdue(apps, today)
    if d.get("provisional"):
        # not provisional=True: on SQLite that is a bare boolean no index serves
        apps = apps.filter(provisional__in=[True])
    if d.get("unclocked"):
        apps = unclocked(apps)
    if q := (d.get("q") or "").strip():
        apps = search(apps, q)
    if d.get("cell") and d.get("cell_year"):
        from gongkai_web.annual.tables import cell_cases

        apps = apps.filter(cell_cases(d["cell"], d["cell_year"]))
        if d["cell"].startswith("t4."):
            apps = apps.distinct()
    sort = d.get("sort") or DEFAULT_SORT
    if "next_deadline" in sort:
        # Closed cases have none; where NULLs sort differs between SQLite and PostgreSQL,
        # and leaving them out keeps the order an index scan.
        apps = apps.filter(next_deadline__isnull=False)
    return apps.order_by(*SORTS[sort][1])


def _by_assignee(apps: QuerySet[Application], wanted: str, user: Any) -> QuerySet[Application]:
    if wanted == "me":
        return apps.filter(assignee=user)
    if wanted == "none":
        return apps.filter(assignee__isnull=True)
    if wanted.isdigit():
        return apps.filter(assignee_id=int(wanted))
    return apps
