"""The library's forms (Chinese labels and messages)."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai_web.accounts.models import Agency
from gongkai_web.input_hygiene import CleanInputMixin
from gongkai_web.library.models import Verdict


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(CleanInputMixin, forms.Form):
    files = MultipleFileField(
        label="年报文件", help_text="可多选：PDF、Word（.docx）、网页、文本，或它们的 zip 压缩包"
    )
    name = forms.CharField(label="批次名称", max_length=200, required=False)
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="仅在报告未写明年度时采用，并标为待确认",
    )


class DecisionForm(CleanInputMixin, forms.Form):
    verdict = forms.ChoiceField(
        label="结论", choices=[(Verdict.CONFIRMED, "确认"), (Verdict.DISMISSED, "驳回")]
    )
    reason = forms.CharField(label="理由", required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("verdict") == Verdict.DISMISSED and not (data.get("reason") or "").strip():
            raise forms.ValidationError("驳回须写明理由")
        return data


class CorrectionForm(CleanInputMixin, forms.Form):
    cell = forms.CharField(label="单元格", max_length=60)
    value = forms.DecimalField(label="更正值", max_digits=14, decimal_places=4, min_value=0)
    reason = forms.CharField(label="理由", max_length=2000)


class MatchForm(CleanInputMixin, forms.Form):
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    published_on = forms.DateField(
        label="发布日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, agencies: Any = None, shown: list[Agency] | None = None, **kwargs: Any
    ) -> None:
        """``agencies``: the agencies that may be chosen (checked on submit); ``shown``: those
        listed in the page's menu (a province has thousands: the page lists a few)."""
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        if shown is not None:
            menu = [("", "---------"), *((a.pk, a.name) for a in shown)]
            self.fields["agency"].widget.choices = menu


class OverviewForm(CleanInputMixin, forms.Form):
    region = forms.TypedChoiceField(label="地区", coerce=int, required=False, empty_value=None)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    q = forms.CharField(label="机关名称", max_length=100, required=False)
    hide_failed = forms.BooleanField(label="隐藏读取失败", required=False)
    hide_unconfirmed = forms.BooleanField(label="隐藏待确认", required=False)

    def __init__(self, *args: Any, regions: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(a.pk, a.name) for a in regions]
