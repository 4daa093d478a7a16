"""Menus offer only what the role may use (issue 9): every link the menu shows a persona
opens for that persona (no 403, no 404)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db


def menu_links(client: Client) -> list[str]:
    page = client.get("/", follow=True).content.decode()
    nav = page.split("<nav>", 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', nav)


def test_every_menu_link_opens_for_whoever_sees_it(
    personas: Personas, as_user: Callable[[User], Client], client: Client
) -> None:
    people = {p.username: as_user(p) for p in [*personas.staff_a, personas.supervisor]}
    people["public"] = client
    refused = []
    for who, browser in people.items():
        links = menu_links(browser)
        assert links, who
        for link in links:
            status = browser.get(link).status_code
            if status not in (200, 302):
                refused.append(f"{who} {link} {status}")
    assert refused == []
