"""Setting up and keeping an office: the agency's settings, its staff and their roles (an
agency admin), the agencies and the region tree (a supervisor). Thin views over
``accounts.staff``; objects come only through its helpers (404 outside one's reach, 403
when visible but read-only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai_web.accounts import forms, staff
from gongkai_web.accounts.access import subtree_ids
from gongkai_web.accounts.models import Agency, Role


def office(request: HttpRequest) -> HttpResponse:
    """The agencies the user manages; straight to the one when there is only one."""
    agencies = list(staff.manageable_agencies(request.user).select_related("parent"))
    if not agencies:
        raise PermissionDenied("只有机关管理员或监督人员可以管理机关设置和人员")
    if len(agencies) == 1:
        return redirect("office-agency", agencies[0].pk)
    return render(request, "accounts/office.html", {"agencies": agencies})


def agency_settings(request: HttpRequest, pk: int) -> HttpResponse:
    agency = staff.get_managed_agency(request.user, pk)
    form = forms.AgencySettingsForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        staff.save_agency(request.user, form.save(commit=False), form.cleaned_data)
        messages.success(request, "本机关设置已保存")
        return redirect("office-agency", agency.pk)
    people = staff.staff_of(agency)
    return render(
        request,
        "accounts/agency_settings.html",
        {
            "agency": agency,
            "form": form,
            "people": [(p, [Role(r).label for r in staff.roles_of(p, agency)]) for p in people],
        },
    )


def staff_new(request: HttpRequest, pk: int) -> HttpResponse:
    agency = staff.get_managed_agency(request.user, pk)
    form = forms.StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        person = staff.create_staff(
            request.user, agency, d["username"], d["name"], d["password"], d["roles"]
        )
        messages.success(request, f"已创建人员 {person.username}（{person.first_name}）")
        return redirect("office-agency", agency.pk)
    return render(request, "accounts/staff_form.html", {"agency": agency, "form": form})


def staff_edit(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    agency = staff.get_managed_agency(request.user, pk)
    person = staff.get_staff(request.user, agency, user_pk)
    initial = {
        "name": person.first_name,
        "roles": staff.roles_of(person, agency),
        "active": person.is_active,
    }
    form = forms.StaffEditForm(request.POST or None, initial=initial)
    password = forms.PasswordForm(username=person.username)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            staff.update_staff(request.user, agency, person, d["name"], d["roles"], d["active"])
        except staff.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{person.username} 的信息和岗位已保存")
            return redirect("office-agency", agency.pk)
    return render(
        request,
        "accounts/staff_form.html",
        {"agency": agency, "form": form, "person": person, "password_form": password},
    )


@require_POST
def staff_password(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    agency = staff.get_managed_agency(request.user, pk)
    person = staff.get_staff(request.user, agency, user_pk)
    form = forms.PasswordForm(request.POST, username=person.username)
    if form.is_valid():
        staff.set_password(request.user, agency, person, form.cleaned_data["password"])
        messages.success(request, f"已为 {person.username} 重设密码，请当面或电话告知本人")
        return redirect("office-staff", agency.pk, person.pk)
    for error in form.errors.get("password", []):
        messages.error(request, f"重设密码：{error}")
    return redirect("office-staff", agency.pk, person.pk)


def agencies(request: HttpRequest) -> HttpResponse:
    """The region tree the supervisor manages, each agency under its parent."""
    if not staff.may_manage_tree(request.user):
        raise PermissionDenied("只有监督人员可以管理机关和区域")
    shown = list(staff.parent_choices(request.user).select_related("parent"))
    ids = {a.pk for a in shown}
    children: dict[int | None, list[Agency]] = {}
    for a in shown:
        children.setdefault(a.parent_id if a.parent_id in ids else None, []).append(a)
    rows: list[tuple[int, Agency]] = []

    def walk(parent: int | None, depth: int) -> None:
        for a in sorted(children.get(parent, []), key=lambda a: a.name):
            rows.append((depth, a))
            walk(a.pk, depth + 1)

    walk(None, 0)
    return render(request, "accounts/agencies.html", {"rows": rows})


def agency_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not staff.may_manage_tree(request.user):
        raise PermissionDenied("只有监督人员可以管理机关和区域")
    agency = staff.parent_choices(request.user).filter(pk=pk).first() if pk else Agency()
    if agency is None:
        agency = staff.get_managed_agency(request.user, pk or 0)  # 404 or 403, never shown
    parents = staff.parent_choices(request.user, agency)
    form = forms.AgencyForm(request.POST or None, instance=agency, parents=parents)
    if request.method == "POST" and form.is_valid():
        saved = staff.save_agency(request.user, form.save(commit=False), form.cleaned_data)
        messages.success(request, f"已保存机关“{saved.name}”")
        return redirect("office-agencies")
    below = len(subtree_ids({agency.pk})) - 1 if agency.pk else 0
    return render(
        request, "accounts/agency_form.html", {"agency": agency, "form": form, "below": below}
    )
