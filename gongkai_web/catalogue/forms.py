"""Forms of the catalogue's staff pages and the public mailbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue.defaults import CHANNELS
from gongkai_web.catalogue.models import (
    Category,
    DecisionKind,
    IndexScheme,
    Item,
    LetterKind,
    MatterKind,
    Validity,
)
from gongkai_web.input_hygiene import CleanInputMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REQUIRED = "请填写{}"


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE,
        error_messages={"required": REQUIRED.format(label), "invalid": f"{label}格式应为 年-月-日"},
    )


class IndexNoField(forms.CharField):
    """Another item of the same agency, given by its index number (a select of a million items
    would not do)."""

    def __init__(self, label: str) -> None:
        super().__init__(label=label, required=False, max_length=60, help_text="填写索引号")

    def resolve(self, agency: Agency, value: str) -> Item | None:
        if not value:
            return None
        item = Item.objects.filter(agency=agency, index_no=value.strip()).first()
        if item is None:
            raise forms.ValidationError(f"本机关目录中没有索引号为“{value}”的条目")
        return item


class ItemForm(CleanInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    formed_on = _date("成文（形成）日期")
    changed_on = _date("变更日期", required=False)
    effective_on = _date("施行日期", required=False)
    validity_changed_on = _date("失效、废止或修改日期", required=False)
    channels = forms.MultipleChoiceField(
        label="发布渠道",
        choices=CHANNELS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="发布时自动包括政府网站",
    )
    interprets_no = IndexNoField("解读的政策文件")
    repealed_by_no = IndexNoField("废止或修改它的文件")

    class Meta:
        model = Item
        fields = [
            "title",
            "doc_no",
            "issuing_body",
            "formed_on",
            "changed_on",
            "category",
            "genre",
            "doc_class",
            "disclosure",
            "withheld_reason",
            "validity",
            "effective_on",
            "validity_changed_on",
            "summary",
            "body",
            "channels",
        ]
        error_messages = {
            "title": {"required": "请填写标题"},
            "issuing_body": {"required": "请填写发布机构"},
            "category": {"required": "请选择主题分类", "invalid_choice": "请从列表中选择分类"},
        }

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        cats = Category.objects.filter(agency=agency, parent__isnull=False).select_related("parent")
        self.fields["category"].queryset = cats
        self.fields["category"].label_from_instance = lambda c: f"{c.parent.name} › {c.name}"
        if not self.initial.get("issuing_body"):
            self.initial["issuing_body"] = agency.name
        instance = kwargs.get("instance")
        if instance is not None:
            self.initial["interprets_no"] = getattr(instance.interprets, "index_no", "")
            self.initial["repealed_by_no"] = getattr(instance.repealed_by, "index_no", "")

    def clean_interprets_no(self) -> Item | None:
        return self.fields["interprets_no"].resolve(self.agency, self.cleaned_data["interprets_no"])  # type: ignore[attr-defined,no-any-return]

    def clean_repealed_by_no(self) -> Item | None:
        return self.fields["repealed_by_no"].resolve(  # type: ignore[attr-defined,no-any-return]
            self.agency, self.cleaned_data["repealed_by_no"]
        )

    def data_for_service(self) -> dict[str, Any]:
        data = {k: self.cleaned_data[k] for k in self.Meta.fields}
        data["interprets"] = self.cleaned_data["interprets_no"]
        data["repealed_by"] = self.cleaned_data["repealed_by_no"]
        return data


class NoteForm(CleanInputMixin, forms.Form):
    note = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(CleanInputMixin, forms.Form):
    reason = forms.CharField(
        label="理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明理由"},
    )


class ValidityForm(CleanInputMixin, forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    on = _date("日期", required=False)
    by = IndexNoField("废止或修改它的文件")


class SettingsForm(CleanInputMixin, forms.Form):
    index_scheme = forms.ChoiceField(label="索引号规则", choices=IndexScheme.choices)
    signoff_levels = forms.TypedChoiceField(
        label="保密审查后的审签级数", choices=[(1, "一级"), (2, "二级"), (3, "三级")], coerce=int
    )
    guide_note = forms.CharField(
        label="指南补充说明", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _year_choices() -> list[tuple[int, int]]:
    this = dt.date.today().year
    return [(y, y) for y in range(this, 2018, -1)]


class DecisionsForm(CleanInputMixin, forms.Form):
    """Twelve months of one kind of decisions, or of fees."""

    kind = forms.ChoiceField(
        label="类别", choices=[*DecisionKind.choices, ("fee", "行政事业性收费（万元）")]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for m in range(1, 13):
            self.fields[f"m{m}"] = forms.CharField(
                label=f"{m}月",
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"size": 6}),
            )


class MattersForm(CleanInputMixin, forms.Form):
    kind = forms.ChoiceField(label="事项类别", choices=MatterKind.choices)
    count = forms.IntegerField(label="年末事项数量", min_value=0)


class ProcurementForm(CleanInputMixin, forms.Form):
    items = forms.IntegerField(label="采购项目数量", min_value=0)
    amount = forms.DecimalField(label="采购总金额（万元）", min_value=0, decimal_places=4)


class ImportForm(CleanInputMixin, forms.Form):
    file = forms.FileField(
        label="目录文件（CSV 或 XLSX）", error_messages={"required": "请选择要导入的文件"}
    )
    good_rows_only = forms.BooleanField(
        label="只导入无误的行（默认：有任何一行有误则全部不导入）", required=False
    )


class LetterForm(CleanInputMixin, forms.Form):
    kind = forms.ChoiceField(label="类型", choices=LetterKind.choices)
    name = forms.CharField(label="姓名", max_length=100, error_messages={"required": "请填写姓名"})
    contact = forms.CharField(
        label="联系方式",
        max_length=200,
        help_text="电话或电子邮箱，不公开",
        error_messages={"required": "请填写联系方式"},
    )
    subject = forms.CharField(
        label="主题", max_length=200, error_messages={"required": "请填写主题"}
    )
    body = forms.CharField(
        label="内容",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "请填写内容"},
    )


class AnswerForm(CleanInputMixin, forms.Form):
    reply = forms.CharField(
        label="答复", widget=forms.Textarea, error_messages={"required": "请填写答复内容"}
    )
    publish = forms.BooleanField(
        label="在门户公开来信和答复（不公开姓名和联系方式）", required=False
    )
