"""Catalogue fixtures on top of the office personas: agency A with a 统一社会信用代码 and its
default catalogue tree, and a helper that drafts an item and takes it to publication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from gongkai_web.catalogue import services
from gongkai_web.catalogue.models import Category, Item
from tests.web.conftest import Personas

ORG_A = "11320800MB1234567X"
ORG_B = "11320800MB7654321Y"


@pytest.fixture
def cat(personas: Personas) -> Personas:
    """Personas whose agencies have organisation codes and catalogue trees."""
    for agency, code in ((personas.agency_a, ORG_A), (personas.agency_b, ORG_B)):
        agency.org_code = code
        agency.save()
        services.ensure_categories(agency)
    return personas


def category(agency: Any, code: str = "topic.10") -> Category:
    return Category.objects.get(agency=agency, code=code)


def draft_data(agency: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "关于开展2026年度科技计划项目申报工作的通知",
        "summary": "组织申报2026年度市科技计划项目",
        "body": "各有关单位：为推动科技创新，现就2026年度科技计划项目申报工作通知如下。",
        "issuing_body": agency.name,
        "doc_no": "某科发〔2026〕3号",
        "formed_on": dt.date(2026, 3, 2),
        "category": category(agency),
        "genre": "notice",
        "channels": ["wechat"],
    }
    return data | overrides


@pytest.fixture
def publish(cat: Personas) -> Callable[..., Item]:
    """Draft an item in agency A (or ``agency``) and take it through review to publication."""

    def make(agency: Any = None, on: dt.date = dt.date(2026, 3, 9), **overrides: Any) -> Item:
        agency = agency or cat.agency_a
        staff = (
            (cat.handler, cat.reviewer, cat.admin)
            if agency == cat.agency_a
            else (cat.outsider, cat.outsider, None)
        )
        if agency != cat.agency_a:
            settings = services.settings_for(agency)
            settings.signoff_levels = 1
            settings.save()
        item = services.create_item(agency, draft_data(agency, **overrides), staff[0])
        services.submit(item, staff[0])
        services.clear_confidentiality(item, staff[1])
        services.sign(item, staff[1], on)
        if staff[2] is not None:
            services.sign(item, staff[2], on)
        item.refresh_from_db()
        return item

    return make
