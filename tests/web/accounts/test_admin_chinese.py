"""The Django admin speaks Chinese: its header and title, and the names of every model and
field of every app it shows (issue 9)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.utils import translation

HAN = re.compile(r"[\u4e00-\u9fff]")


def registered_models() -> list[Any]:
    """Every model the admin shows, and every model of the office's own apps."""
    ours = [
        m
        for c in apps.get_app_configs()
        if c.name.startswith("gongkai_web.")
        for m in c.get_models()
    ]
    return list(dict.fromkeys([*admin.site._registry, *ours]))


def test_every_model_and_field_in_the_admin_has_a_chinese_name() -> None:
    missing = []
    with translation.override("zh-hans"):
        for model in registered_models():
            opts = model._meta
            names = [str(opts.verbose_name), str(opts.verbose_name_plural)]
            if not all(HAN.search(n) for n in names):
                missing.append(opts.label)
            for field in opts.get_fields():
                if field.auto_created and not field.concrete:
                    continue  # reverse relations: named by the other side
                if field.name == "id":
                    continue
                if not HAN.search(str(field.verbose_name)):
                    missing.append(f"{opts.label}.{field.name}")
    assert missing == []


@pytest.mark.django_db
def test_the_admin_header_and_title_are_chinese(admin_client: Client) -> None:
    page = admin_client.get("/admin/").content.decode()
    assert "政府信息公开办理平台管理" in page and "Django" not in page.split("<body")[1]
