"""Forms of the office: intake (第二十九条), the handling steps, attachments and proceedings.

Messages are Chinese and say what to do. Forms only validate input; the steps themselves are
the services' work (``services.py``), which the views call with ``cleaned_data``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from gongkai.identifiers import id_document_problem
from gongkai.workdays.deadlines import Channel
from gongkai_web.accounts.models import Agency, Role
from gongkai_web.applications import audit
from gongkai_web.applications.models import (
    APPLICANT_TYPES,
    OUTCOMES,
    Application,
    Attachment,
    CaseEvent,
    EventKind,
    ProceedingKind,
    ProceedingResult,
)
from gongkai_web.input_hygiene import CASE_EARLIEST, CleanInputMixin

# The 第二十九条 contents of an application, as stored on the case.
APPLICANT_FIELDS = [
    "applicant_type",
    "applicant_name",
    "id_document",
    "phone",
    "email",
    "address",
    "description",
    "form_wanted",
    "delivery",
]
RECEIPT_FIELDS = ["channel", "arrived", "confirmed"]
# The fee step's bound (items or pages in one notice): far above any real notice, small
# enough that the fee arithmetic stays instant.
MAX_FEE_QUANTITY = 100_000
# Length limits of what an applicant types (characters): a description longer than this is a
# document, which belongs in an attachment; the other fields follow the model's columns.
DESCRIPTION_MAX = 2000
PHONE_DIGITS = (7, 20)  # a landline without area code … an international number with extension
_PHONE = re.compile(r"\+?[0-9 ()（）\-]+(?:(?:转|分机|ext\.?)\s*[0-9]+)?", re.IGNORECASE)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_REQUIRED = {
    "applicant_type": "请选择申请人类型",
    "applicant_name": "请填写申请人姓名或者名称（第二十九条第（一）项）",
    "id_document": "请填写身份证明，如身份证号码或统一社会信用代码（第二十九条第（一）项）",
    "description": "请填写所需政府信息的名称、文号或者便于查询的特征性描述（第二十九条第（二）项）",
    "form_wanted": "请填写信息的形式要求，如纸质、电子文档（第二十九条第（三）项）",
    "delivery": "请填写获取信息的方式、途径，如邮寄、电子邮件、自行领取（第二十九条第（三）项）",
    "channel": "请选择提交方式",
    "arrived": "请填写申请到达日期",
}


def _date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE,
        help_text=help_text,
        error_messages={"required": f"请填写{label}", "invalid": f"{label}格式应为 年-月-日"},
    )


class ApplicantForm(CleanInputMixin, forms.ModelForm):
    """What 第二十九条 requires of every application, by whatever channel it came."""

    earliest_date = CASE_EARLIEST

    class Meta:
        model = Application
        fields = APPLICANT_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4, "maxlength": DESCRIPTION_MAX})}
        error_messages = {name: {"required": message} for name, message in _REQUIRED.items()} | {
            "email": {"invalid": "电子邮箱格式不正确"}
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant_type"].choices = [("", "请选择"), *APPLICANT_TYPES]
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if limit:
                # Django's own message is "Ensure this value has at most …": say it in Chinese
                field.error_messages["max_length"] = (
                    f"{field.label}最多 {limit} 个字，现为 %(show_value)d 个字，请精简"
                )

    def clean_description(self) -> str:
        text: str = self.cleaned_data["description"]
        if len(text) > DESCRIPTION_MAX:
            raise forms.ValidationError(
                f"所需信息的描述最多 {DESCRIPTION_MAX} 个字，现为 {len(text)} 个字："
                "请写明名称、文号或特征，较长的材料可作为附件提交"
            )
        return text

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if not phone:
            return phone
        digits = sum(c.isascii() and c.isdigit() for c in phone)
        if not _PHONE.fullmatch(phone):
            raise forms.ValidationError(
                "联系电话只能包含数字、空格、“-”、“+”和括号（分机可写“转”），如 0510-81000000"
            )
        low, high = PHONE_DIGITS
        if not low <= digits <= high:
            raise forms.ValidationError(f"联系电话应有 {low} 至 {high} 位数字，现为 {digits} 位")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        document = data.get("id_document")
        if document:
            natural = data.get("applicant_type") == "natural"
            problem = id_document_problem(document, natural, timezone.localdate())
            if problem:
                self.add_error("id_document", problem)
        if not any(data.get(f) for f in ("phone", "email", "address")):
            raise forms.ValidationError(
                "请至少填写一种联系方式（电话、电子邮箱或通信地址），以便答复（第二十九条第（一）项）"
            )
        return data

    def intake_data(self) -> dict[str, Any]:
        return {f: self.cleaned_data[f] for f in self._meta.fields or ()}


class IntakeForm(ApplicantForm):
    """Staff intake of an application that came in person, by post, letter, fax or e-mail."""

    agency = forms.ModelChoiceField(
        label="受理机关",
        queryset=Agency.objects.none(),
        error_messages={"required": "请选择受理机关", "invalid_choice": "请选择您所在的机关"},
    )

    class Meta(ApplicantForm.Meta):
        fields = APPLICANT_FIELDS + RECEIPT_FIELDS
        widgets = ApplicantForm.Meta.widgets | {"arrived": DATE, "confirmed": DATE}
        error_messages = ApplicantForm.Meta.error_messages | {
            "arrived": {"required": _REQUIRED["arrived"], "invalid": "到达日期格式应为 年-月-日"},
            "confirmed": {"invalid": "确认日期格式应为 年-月-日"},
        }
        help_texts = {
            "channel": (
                "邮寄需签收的以签收日为收到日；"
                "平常信函、传真、互联网（含电子邮件）以双方确认日为收到日（第三十一条）"
            ),
            "confirmed": "平常信函、传真、互联网渠道：与申请人确认的日期",
        }

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
            if len(agencies) == 1:
                self.fields["agency"].initial = agencies[0]
        self.fields["arrived"].initial = timezone.localdate()
        self.order_fields(["agency", *RECEIPT_FIELDS])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        arrived, confirmed = data.get("arrived"), data.get("confirmed")
        today = timezone.localdate()
        if arrived and arrived > today:
            self.add_error("arrived", "到达日期不能晚于今天")
        if confirmed and arrived and confirmed < arrived:
            self.add_error("confirmed", "确认日期不能早于到达日期")
        if confirmed and confirmed > today:
            self.add_error("confirmed", "确认日期不能晚于今天")
        if confirmed and data.get("channel") in (Channel.IN_PERSON, Channel.POST):
            self.add_error("confirmed", "当面提交和需签收的邮寄无需确认日期，请留空")
        return data


# --- handling steps -------------------------------------------------------------------------


class StepForm(CleanInputMixin, forms.Form):
    """Every step happens on a day (default today) and may carry a note."""

    earliest_date = CASE_EARLIEST

    on = _date_field("日期")

    def __init__(self, *args: Any, app: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = app
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self) -> dt.date:
        on: dt.date = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("日期不能晚于今天")
        if on < self.app.received:
            raise forms.ValidationError(f"日期不能早于收到申请之日（{self.app.received:%Y-%m-%d}）")
        return on


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Staff chosen by name, not by login."""

    def label_from_instance(self, obj: Any) -> str:
        from gongkai_web.accounts.templatetags.people import display_name

        return display_name(obj)


class AssignForm(StepForm):
    handler = PersonChoiceField(
        label="承办人",
        queryset=get_user_model().objects.none(),
        error_messages={"required": "请选择承办人", "invalid_choice": "请选择本机关的承办人"},
    )

    def __init__(self, *args: Any, app: Application, **kwargs: Any) -> None:
        super().__init__(*args, app=app, **kwargs)
        self.fields["handler"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__agency=app.agency,
                memberships__role__in=[Role.HANDLER, Role.ADMIN],
                is_active=True,
            )
            .distinct()
            .order_by("username")
        )


class CorrectionRequestForm(StepForm):
    respond_by = _date_field("补正期限")
    note = forms.CharField(
        label="需要补正的事项",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明需要补正的事项（第三十条：一次性告知）"},
    )


class ConfirmReceiptForm(StepForm):
    """第三十一条: online, fax and ordinary letters are received on the confirmed day."""

    confirmed = _date_field("双方确认日期", help_text="与申请人确认收到申请的日期")

    def clean_confirmed(self) -> dt.date:
        confirmed: dt.date = self.cleaned_data["confirmed"]
        if confirmed < self.app.arrived:
            raise forms.ValidationError(
                f"确认日期不能早于申请到达之日（{self.app.arrived:%Y-%m-%d}）"
            )
        if confirmed > timezone.localdate():
            raise forms.ValidationError("确认日期不能晚于今天")
        return confirmed


class NoteForm(StepForm):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationForm(StepForm):
    party = forms.CharField(
        label="征求对象", max_length=200, error_messages={"required": "请填写征求意见的对象"}
    )
    agency = forms.BooleanField(label="对象为其他行政机关（第三十四条）", required=False)


class ConsultationAnswerForm(StepForm):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    opinion = forms.CharField(
        label="意见",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写意见"},
    )


class ExtensionForm(StepForm):
    days = forms.IntegerField(
        label="延长工作日",
        min_value=1,
        max_value=20,
        initial=20,
        error_messages={
            "required": "请填写延长的工作日数",
            "min_value": "延长期限至少 1 个工作日",
            "max_value": "延长期限最长不得超过 20 个工作日（第三十三条）",
        },
    )
    approver = forms.CharField(
        label="批准人（政府信息公开工作机构负责人）",
        max_length=100,
        error_messages={"required": "延期须经政府信息公开工作机构负责人同意：请填写批准人"},
    )


class FeeForm(StepForm):
    method = forms.ChoiceField(
        label="计收方式", choices=[("item", "按件计收"), ("page", "按量计收")]
    )
    quantity = forms.IntegerField(
        label="件数或页数",
        min_value=1,
        max_value=MAX_FEE_QUANTITY,
        help_text="按件：本申请按“一事一申请”拆分的件数（本月此前的申请自动计入）；按量：提供信息的页数",
        error_messages={
            "required": "请填写件数或页数",
            "min_value": "件数或页数应至少为 1",
            "max_value": f"件数或页数不能超过 {MAX_FEE_QUANTITY}：请核对；确有更多时分次计收",
        },
    )


class FeeStepForm(StepForm):
    fee = forms.IntegerField(widget=forms.HiddenInput)


class DraftReplyForm(StepForm):
    outcome = forms.ChoiceField(
        label="办理结果（年度报表表三）",
        choices=[("", "请选择"), *OUTCOMES],
        error_messages={"required": "请选择办理结果"},
    )
    grounds = forms.CharField(
        label="理由和依据", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(
        label="答复内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写答复内容"},
    )


class ReviewForm(StepForm):
    decision = forms.ChoiceField(
        label="审核意见",
        choices=[("approve", "审核通过"), ("return", "退回修改")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核通过或退回"},
    )
    note = forms.CharField(
        label="说明（退回时必填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProceedingForm(CleanInputMixin, forms.Form):
    earliest_date = CASE_EARLIEST
    kind = forms.ChoiceField(label="类型", choices=ProceedingKind.choices)
    filed_on = _date_field("受理日期")
    body = forms.CharField(label="复议机关或法院", max_length=200, required=False)
    review = forms.ModelChoiceField(label="复议后起诉所依据的复议", queryset=None, required=False)

    def __init__(self, *args: Any, app: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = app
        self.fields["review"].queryset = app.proceedings.filter(kind=ProceedingKind.REVIEW)
        self.fields["review"].label_from_instance = lambda p: f"{p.filed_on} {p.body}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == ProceedingKind.SUIT_AFTER_REVIEW and not data.get("review"):
            self.add_error("review", "复议后起诉应选择所依据的行政复议")
        filed = data.get("filed_on")
        if filed and filed > timezone.localdate():
            self.add_error("filed_on", "受理日期不能晚于今天")
        elif filed and filed < self.app.received:
            self.add_error(
                "filed_on", f"受理日期不能早于收到申请之日（{self.app.received:%Y-%m-%d}）"
            )
        return data


class DecideProceedingForm(CleanInputMixin, forms.Form):
    proceeding = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label="结果",
        choices=[c for c in ProceedingResult.choices if c[0] != ProceedingResult.PENDING],
    )
    on = _date_field("审结日期")

    def __init__(self, *args: Any, app: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = app


# --- attachments ----------------------------------------------------------------------------

# How each accepted type begins; .txt must decode as UTF-8 instead.
MAGIC = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
}


def _human(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


class AttachmentForm(CleanInputMixin, forms.Form):
    file = forms.FileField(
        label="附件",
        error_messages={"required": "请选择要上传的文件", "empty": "文件为空，请重新选择"},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        types = settings.ATTACHMENT_TYPES
        ext = Path(upload.name or "").suffix.lower()
        allowed = "、".join(sorted({e.lstrip(".") for e in types}))
        if ext not in types:
            raise forms.ValidationError(f"不接受此类型的文件，请上传 {allowed} 格式")
        if upload.size is None or upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(f"文件过大：最大 {_human(settings.ATTACHMENT_MAX_BYTES)}")
        if upload.size == 0:
            raise forms.ValidationError("文件为空")
        upload.seek(0)
        head = upload.read(2048)
        upload.seek(0)
        if ext in MAGIC and not head.startswith(MAGIC[ext]):
            raise forms.ValidationError(f"文件内容与扩展名 {ext} 不符，请确认文件未损坏")
        if ext == ".txt" and b"\x00" in head:
            raise forms.ValidationError("文本文件内容不是纯文本")
        return upload

    @transaction.atomic
    def save(self, app: Application, actor: Any) -> Attachment:
        """Store the file and record it on the case (event and audit entry)."""
        upload = self.cleaned_data["file"]
        ext = Path(upload.name).suffix.lower()
        name = get_valid_filename(Path(upload.name).name) or f"file{ext}"
        attachment = Attachment(
            application=app,
            name=upload.name[:200],
            size=upload.size,
            content_type=settings.ATTACHMENT_TYPES[ext],
            uploaded_by=actor,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        CaseEvent.objects.create(
            application=app,
            kind=EventKind.ATTACHMENT,
            actor=actor,
            on=timezone.localdate(),
            note=attachment.name,
            due_after=app.due,
        )
        # snapshot() keeps a FieldFile as it is; the log stores its path
        record = audit.snapshot(attachment) | {"file": attachment.file.name}
        audit.log(actor, app.agency, attachment, "created", record)
        return attachment
