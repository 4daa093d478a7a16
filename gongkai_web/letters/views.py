"""Letters of a case: previewed as HTML, downloaded as .docx (both before approval, so the
reviewer reads what they approve); an agency admin's page for the wording."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from gongkai_web.accounts.access import get_application
from gongkai_web.accounts.models import Agency, Membership, Role
from gongkai_web.applications.errors import CaseError
from gongkai_web.input_hygiene import CleanInputMixin
from gongkai_web.letters import steps
from gongkai_web.letters.models import Wording
from gongkai_web.letters.wording import PARAGRAPHS, placeholder_problem

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _object_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("object", "")
    return int(raw) if raw.isdigit() and len(raw) < 18 else None


def preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    app = get_application(request.user, pk)
    object_id = _object_id(request)
    try:
        blocks = steps.blocks_of(app, kind, object_id)
    except CaseError as exc:
        messages.error(request, f"无法生成文书：{exc}")
        return redirect("applications:detail", app.pk)
    context = {"app": app, "blocks": blocks, "kind": kind, "object_id": object_id}
    return render(request, "letters/preview.html", context)


def download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    app = get_application(request.user, pk)
    try:
        content = steps.docx_of(app, kind, _object_id(request))
    except CaseError as exc:
        messages.error(request, f"无法生成文书：{exc}")
        return redirect("applications:detail", app.pk)
    response = HttpResponse(content, content_type=DOCX)
    name = f"{kind}-{app.reg_no}.docx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


class WordingForm(CleanInputMixin, forms.Form):
    """One textarea per paragraph; empty means the default."""

    def __init__(self, *args: object, agency: Agency, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        current = dict(Wording.objects.filter(agency=agency).values_list("key", "text"))
        for key, p in PARAGRAPHS.items():
            self.fields[key] = forms.CharField(
                label=p.label,
                required=False,
                max_length=2000,
                initial=current.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 3, "placeholder": p.default}),
                help_text="可用占位符：" + "、".join("{" + n + "}" for n in sorted(p.placeholders)),
                error_messages={"max_length": "每段最多 2000 个字"},
            )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for key, text in list(data.items()):
            problem = placeholder_problem(key, str(text or "")) if text else None
            if problem:
                self.add_error(key, problem)
        return data


def _administered(request: HttpRequest) -> list[Agency]:
    ids = Membership.objects.filter(user=request.user, role=Role.ADMIN).values_list(
        "agency", flat=True
    )
    return list(Agency.objects.filter(pk__in=ids).order_by("name"))


def wording(request: HttpRequest) -> HttpResponse:
    agencies = _administered(request)
    if not agencies:
        raise PermissionDenied("只有机关管理员可以调整文书措辞")
    chosen = next((a for a in agencies if str(a.pk) == request.GET.get("agency")), agencies[0])
    form = WordingForm(request.POST or None, agency=chosen)
    if request.method == "POST" and form.is_valid():
        for key, text in form.cleaned_data.items():
            text = str(text or "").strip()
            if text and text != PARAGRAPHS[key].default:
                Wording.objects.update_or_create(agency=chosen, key=key, defaults={"text": text})
            else:
                Wording.objects.filter(agency=chosen, key=key).delete()
        messages.success(request, f"已保存{chosen.name}的文书措辞")
        return redirect(f"{request.path}?agency={chosen.pk}")
    context = {"form": form, "agency": chosen, "agencies": agencies}
    return render(request, "letters/wording.html", context)
