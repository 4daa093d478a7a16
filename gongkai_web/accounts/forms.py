"""Forms of the accounts pages: login, the agency's settings, its staff, the region tree."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm

from gongkai_web.input_hygiene import CleanInputMixin


class LoginForm(CleanInputMixin, AuthenticationForm):
    """Django's login form, with control characters removed like every other form."""
