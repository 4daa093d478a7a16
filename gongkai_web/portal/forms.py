"""The public online application form: the 第二十九条 contents and the agency asked."""

from __future__ import annotations

from django import forms

from gongkai_web.accounts.models import Agency
from gongkai_web.applications.forms import ApplicantForm, AttachmentForm
from gongkai_web.applications.online import CORRECTION_TEXT_MAX
from gongkai_web.input_hygiene import CleanInputMixin
from gongkai_web.portal.humancheck import HumanCheckMixin


class PublicApplicationForm(HumanCheckMixin, ApplicantForm):
    agency = forms.ModelChoiceField(
        label="向哪个机关申请",
        queryset=Agency.objects.all(),
        empty_label="请选择",
        error_messages={"required": "请选择受理申请的机关", "invalid_choice": "请从列表中选择机关"},
    )

    class Meta(ApplicantForm.Meta):
        labels = {"applicant_type": "申请人类型（自然人或法人、其他组织）"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.order_fields(["agency"])


class TrackingForm(CleanInputMixin, forms.Form):
    code = forms.CharField(
        label="查询码",
        max_length=32,
        error_messages={"required": "请输入查询码"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()


class OnlineCorrectionForm(AttachmentForm):
    """The applicant's 补正: what was asked for, as text, a file, or both."""

    text = forms.CharField(
        label="补正内容",
        required=False,
        max_length=CORRECTION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": CORRECTION_TEXT_MAX}),
        error_messages={
            "max_length": f"补正内容最多 {CORRECTION_TEXT_MAX} 个字，较长的材料请作为附件上传"
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].required = False
        self.fields["file"].label = "补正材料（可选）"
        self.order_fields(["text", "file"])

    def clean_file(self) -> object:
        if not self.cleaned_data.get("file"):
            return None
        return super().clean_file()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not self.errors and not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError("请填写补正内容或上传补正材料")
        return data
