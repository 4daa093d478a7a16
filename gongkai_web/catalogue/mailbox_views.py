"""Staff pages of the mailbox: letters of the agencies one sees, and answering one."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai_web.accounts.access import visible_agencies
from gongkai_web.catalogue import access, mailbox
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.forms import AnswerForm
from gongkai_web.catalogue.models import Letter


def letters(request: HttpRequest) -> HttpResponse:
    found = Letter.objects.filter(agency__in=visible_agencies(request.user)).select_related(
        "agency"
    )
    if request.GET.get("open") == "1":
        found = found.filter(replied_at__isnull=True)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request, "catalogue/letters.html", {"page": page, "open": request.GET.get("open")}
    )


def letter(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_letter(request.user, pk)
    may = access.may(request.user, found.agency, "mailbox")
    form = AnswerForm(
        request.POST or None, initial={"reply": found.reply, "publish": found.published}
    )
    if request.method == "POST":
        access.require(request.user, found.agency, "mailbox")
        if form.is_valid():
            try:
                mailbox.answer(
                    found, request.user, form.cleaned_data["reply"], form.cleaned_data["publish"]
                )
            except CatalogueError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "答复已保存")
                return redirect("catalogue:letter", found.pk)
    return render(
        request, "catalogue/letter.html", {"letter": found, "form": form if may else None}
    )
