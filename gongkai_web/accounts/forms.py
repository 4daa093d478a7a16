"""Forms of the accounts pages: login, the agency's settings, its staff, the region tree."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password

from gongkai.identifiers import uscc_problem
from gongkai_web.accounts.models import Agency
from gongkai_web.accounts.staff import AGENCY_ROLES
from gongkai_web.input_hygiene import CleanInputMixin

ROLE_CHOICES = [(r.value, r.label) for r in AGENCY_ROLES]
LOGIN = re.compile(r"[\w.@+-]{1,150}")
CODE = re.compile(r"[A-Z][A-Z0-9]{0,19}")


class LoginForm(CleanInputMixin, AuthenticationForm):
    """Django's login form, with control characters removed like every other form."""


class AgencySettingsForm(CleanInputMixin, forms.ModelForm):
    """What the agency's letters and guide print about it (an agency admin keeps it current)."""

    class Meta:
        model = Agency
        fields = [
            "address",
            "postcode",
            "phone",
            "email",
            "website",
            "office_hours",
            "org_code",
            "review_body",
            "court",
        ]
        error_messages = {
            "email": {"invalid": "电子邮箱格式不正确"},
            "website": {"invalid": "网址格式不正确，应以 http:// 或 https:// 开头"},
        }

    def clean_org_code(self) -> str:
        code = "".join(str(self.cleaned_data.get("org_code") or "").split()).upper()
        if code and (problem := uscc_problem(code)):
            raise forms.ValidationError(problem)
        return code

    def clean_postcode(self) -> str:
        code = str(self.cleaned_data.get("postcode") or "").strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("邮政编码应为 6 位数字")
        return code


class AgencyForm(CleanInputMixin, forms.ModelForm):
    """A supervisor's view of an agency: its name, code, kind and place in the region tree."""

    class Meta:
        model = Agency
        fields = ["name", "short_code", "kind", "parent"]
        error_messages = {
            "name": {"required": "请填写机关名称", "unique": "已有同名的机关"},
            "short_code": {"required": "请填写简称代码", "unique": "这个简称代码已被其他机关使用"},
        }

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = "（无：最上级）"

    def clean_short_code(self) -> str:
        code = str(self.cleaned_data.get("short_code") or "").strip().upper()
        if not CODE.fullmatch(code):
            raise forms.ValidationError("简称代码应为 1 至 20 位大写字母或数字，以字母开头")
        return code


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ROLE_CHOICES, label="岗位", required=False, **kwargs)


def _checked_password(form: forms.Form, name: str, username: str) -> str:
    password = str(form.cleaned_data.get(name) or "")
    try:
        validate_password(password, User(username=username))
    except forms.ValidationError as exc:
        raise forms.ValidationError(exc.messages) from None
    return password


class StaffCreateForm(CleanInputMixin, forms.Form):
    username = forms.CharField(
        label="登录名", max_length=150, help_text="字母、数字或 . @ + - _，创建后不能修改"
    )
    name = forms.CharField(label="姓名", max_length=150)
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        help_text="至少 10 位，不能过于简单或与登录名相近",
    )
    roles = RolesField()

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        if not LOGIN.fullmatch(username):
            raise forms.ValidationError("登录名只能包含字母、数字和 . @ + - _")
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("这个登录名已被使用")
        return username

    def clean_password(self) -> str:
        return _checked_password(self, "password", str(self.data.get("username", "")))


class StaffEditForm(CleanInputMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=150)
    roles = RolesField()
    active = forms.BooleanField(
        label="在岗（取消即停用账号：不能登录，历史记录保留）", required=False
    )


class PasswordForm(CleanInputMixin, forms.Form):
    password = forms.CharField(label="新密码", widget=forms.PasswordInput)

    def __init__(self, *args: Any, username: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.username = username

    def clean_password(self) -> str:
        return _checked_password(self, "password", self.username)
