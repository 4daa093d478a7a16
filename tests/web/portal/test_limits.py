"""The public pages' limits: counted before the work (atomically, in the database), a
per-address limit an office network can live with, a per-applicant one, the status page's;
and the CAPTCHA-free check that a person filled in the form (issue 9, issue 11 point 6)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from gongkai.identifiers import resident_id_check_char
from gongkai_web.applications.models import Application
from gongkai_web.portal import humancheck, ratelimit
from tests.web.applications.test_numbering import at_once
from tests.web.conftest import Personas
from tests.web.portal.test_apply import form_data

pytestmark = pytest.mark.django_db


def test_an_office_behind_one_address_may_send_many_applications(
    personas: Personas, client: Client, frozen_today: dt.date
) -> None:
    url = reverse("portal:apply")
    for n in range(12):  # twelve colleagues, one public address
        first17 = f"11010119900101{n:03d}"
        number = first17 + resident_id_check_char(first17)
        data = form_data(personas, id_document=f"身份证 {number}")
        assert client.post(url, data).status_code == 302
    assert Application.objects.count() == 12


def test_one_applicant_is_limited_whatever_the_address(
    personas: Personas, client: Client, settings: Any, frozen_today: dt.date
) -> None:
    settings.PUBLIC_FORM_RATE_PER_APPLICANT = 2
    url = reverse("portal:apply")
    for n in range(2):
        assert (
            client.post(url, form_data(personas), REMOTE_ADDR=f"203.0.113.{n}").status_code == 302
        )
    refused = client.post(
        url,
        form_data(personas, id_document=" 统一社会信用代码12100000400000000w"),
        REMOTE_ADDR="203.0.113.9",
    )
    assert refused.status_code == 429
    assert "同一申请人每小时最多在网上提交 2 份申请" in refused.content.decode()
    assert Application.objects.count() == 2


@pytest.mark.parametrize(
    "change,message",
    [
        ({"started": 0}, "提交过快"),
        ({"started": "forged"}, "表单校验未通过"),
        ({"started": ""}, "表单校验未通过"),
        ({"started": 3 * 24 * 3600}, "已超过 24 小时"),
        ({"website": "http://spam.example"}, "应当留空"),
    ],
)
def test_a_form_not_filled_in_by_a_person_is_refused_with_what_was_typed_kept(
    personas: Personas, client: Client, change: dict[str, Any], message: str
) -> None:
    if isinstance(change.get("started"), int):  # seconds since the form was shown
        change = {"started": humancheck.token(time.time() - int(change["started"]))}
    response = client.post(reverse("portal:apply"), form_data(personas) | change)
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert "2025年政府信息公开工作年度报告所依据的统计表" in page  # kept for the next try
    assert 'name="started"' in page  # with a new token
    assert not Application.objects.exists()


def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(client: Client) -> None:
    page = client.get(reverse("portal:apply")).content.decode()
    assert 'class="field hp" aria-hidden="true"' in page and 'tabindex="-1"' in page


def test_status_lookups_are_limited_per_address(
    personas: Personas, client: Client, settings: Any
) -> None:
    settings.PUBLIC_STATUS_RATE = 3
    url = reverse("portal:status")
    for _ in range(3):
        assert client.post(url, {"code": "ABCDEFGHJKLM"}).status_code == 200
    refused = client.post(url, {"code": "ABCDEFGHJKLM"})
    assert refused.status_code == 429 and "查询过于频繁" in refused.content.decode()
    assert client.post(url, {"code": "X"}, REMOTE_ADDR="198.51.100.4").status_code == 200


def test_a_use_given_back_is_free_again(db: Any) -> None:
    limit = ratelimit.Limit("t", "PUBLIC_FORM_RATE", 3600)
    taken = [ratelimit.take(limit, "me") for _ in range(31)]
    assert taken == [True] * 30 + [False]
    ratelimit.give_back(limit, "me")
    assert ratelimit.take(limit, "me") and not ratelimit.take(limit, "me")


@pytest.mark.django_db(transaction=True)
def test_thirty_uses_at_once_pass_a_limit_of_five_exactly_five_times(settings: Any) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory; bench/load.py drives a real file")
    settings.PUBLIC_FORM_RATE = 5
    results = at_once(30, lambda i: ratelimit.take(ratelimit.APPLY_PER_ADDRESS, "192.0.2.1"))
    assert results.count(True) == 5 and results.count(False) == 25


def test_the_address_comes_from_the_proxy_only_behind_one(settings: Any) -> None:
    from django.test import RequestFactory

    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    settings.BEHIND_PROXY = False
    assert ratelimit.client_ip(request) == "127.0.0.1"  # a client's own header is ignored
    settings.BEHIND_PROXY = True
    assert ratelimit.client_ip(request) == "203.0.113.5"  # the address nginx wrote
