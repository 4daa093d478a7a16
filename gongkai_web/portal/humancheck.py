"""A CAPTCHA-free check that a person filled in the public form.

Two signs, neither asking anything of the person: a signed token with the time the form was
shown (a person takes some seconds to fill it in; a script posting at once does not, and a
token cannot be forged or kept for days), and a honeypot field hidden from people by CSS
that scripts filling every field fill in. Both give a Chinese message and keep what was typed,
so a real person who trips one simply submits again.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing

SALT = "gongkai.portal.form-started"
MAX_AGE = 24 * 3600  # a form left open overnight still submits the next morning


def token(shown_at: float | None = None) -> str:
    """A signed token saying when the form was shown (now unless ``shown_at``, epoch s)."""
    return signing.dumps({"t": time.time() if shown_at is None else shown_at}, salt=SALT)


class FreshTokenInput(forms.HiddenInput):
    """Always renders a new token: a form shown again (with errors) starts a new fill time."""

    def format_value(self, value: Any) -> str:
        return token()


class HumanCheckMixin(forms.Form):
    started = forms.CharField(widget=FreshTokenInput, required=False)
    website = forms.CharField(
        label="网址（请勿填写此项）",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    website.honeypot = True  # type: ignore[attr-defined]  # form_fields.html hides it

    def clean(self) -> dict[str, Any]:
        # The token's field is hidden: its refusal is said above the form, not beside it.
        data = super().clean()
        try:
            shown_at = float(signing.loads(data.get("started") or "", salt=SALT)["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self.add_error(None, "表单校验未通过，请核对内容后重新提交。")
            return data
        age = time.time() - shown_at
        if age > MAX_AGE:
            self.add_error(None, "表单打开已超过 24 小时，请核对内容后重新提交。")
        elif age < settings.PUBLIC_FORM_MIN_SECONDS:
            self.add_error(None, "提交过快，请核对填写的内容后再次提交。")
        return data

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("“网址”一栏应当留空，请清空后重新提交。")
        return ""
