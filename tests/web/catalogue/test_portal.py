"""The public portal: only published, proactively disclosed items; search, browse, item
page, feed, guide, mailbox; the API."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from gongkai_web.catalogue import mailbox, services
from gongkai_web.catalogue.models import Item
from tests.web.catalogue.conftest import draft_data
from tests.web.conftest import Personas


def test_the_public_sees_only_published_items(
    cat: Personas, client: Client, publish: Callable[..., Item]
) -> None:
    shown = publish(title="公开的城市更新通知")
    draft = services.create_item(
        cat.agency_a, draft_data(cat.agency_a, title="草稿城市更新方案"), cat.handler
    )
    gone = publish(title="撤回的城市更新公告")
    services.withdraw(gone, cat.admin, "有误")
    page = client.get("/open/search/", {"q": "城市更新"}).content.decode()
    assert shown.title in page and draft.title not in page and gone.title not in page
    assert client.get(f"/open/items/{shown.index_no}/").status_code == 200
    assert client.get(f"/open/items/{gone.index_no}/").status_code == 404
    code = cat.agency_a.short_code
    browse = client.get(f"/open/{code}/catalogue/", {"category": "topic.10"}).content.decode()
    assert shown.title in browse
    assert client.get(f"/open/{code}/catalogue/", {"category": "nope"}).status_code == 404


def test_item_page_links_policy_and_interpretation(
    cat: Personas, client: Client, publish: Callable[..., Item]
) -> None:
    policy = publish(title="科技创新券管理办法", doc_class="normative", genre="measures")
    reading = publish(
        title="《科技创新券管理办法》解读", genre="interpretation", interprets=policy, doc_no=""
    )
    page = client.get(f"/open/items/{policy.index_no}/").content.decode()
    assert "政策解读" in page and reading.title in page
    assert policy.title in client.get(f"/open/items/{reading.index_no}/").content.decode()


def test_feed_guide_and_search_errors(
    cat: Personas, client: Client, publish: Callable[..., Item]
) -> None:
    item = publish(title="订阅测试通知")
    code = cat.agency_a.short_code
    feed = client.get(f"/open/{code}/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert item.title in feed.content.decode() and item.index_no in feed.content.decode()
    guide = client.get(f"/open/{code}/guide/").content.decode()
    assert (
        "政府信息公开指南" in guide and "第二十六条" in guide and cat.agency_a.review_body in guide
    )
    long = client.get("/open/search/", {"q": "字" * 150}).content.decode()
    assert "检索词过长" in long
    assert client.get("/open/nobody/").status_code == 404


def test_mailbox_letters_answered_and_published(
    cat: Personas, client: Client, as_user: Callable[..., Client]
) -> None:
    code = cat.agency_a.short_code
    form = {
        "kind": "consult",
        "name": "张三",
        "contact": "13800000000",
        "subject": "创新券如何申领",
        "body": "请问流程？",
    }
    assert client.post(f"/open/{code}/mailbox/", form).status_code == 302
    empty = client.post(f"/open/{code}/mailbox/", form | {"subject": ""}).content.decode()
    assert "请填写主题" in empty
    letter = cat.agency_a.letters.get()
    as_user(cat.registrar).post(
        f"/catalogue/mailbox/{letter.pk}/", {"reply": "登录平台申领。", "publish": "on"}
    )
    page = client.get(f"/open/{code}/mailbox/").content.decode()
    assert "登录平台申领" in page and "13800000000" not in page
    assert as_user(cat.outsider).get(f"/catalogue/mailbox/{letter.pk}/").status_code == 404
    mailbox.answer(letter, cat.registrar, "改为不公开", publish=False)
    assert "改为不公开" not in client.get(f"/open/{code}/mailbox/").content.decode()


def test_api_lists_and_gets_public_items(
    cat: Personas, client: Client, publish: Callable[..., Item]
) -> None:
    shown = publish(title="接口测试城市更新通知")
    services.create_item(
        cat.agency_a, draft_data(cat.agency_a, title="接口草稿城市更新"), cat.handler
    )
    data = client.get("/api/v1/catalogue/items", {"q": "城市更新", "agency": "KJJ"}).json()
    assert [i["index_no"] for i in data["items"]] == [shown.index_no]
    one = client.get(f"/api/v1/catalogue/items/{shown.index_no}").json()
    assert one["title"] == shown.title and one["channels"][0] == "政府网站"
    missing = client.get("/api/v1/catalogue/items/NOPE-1")
    assert missing.status_code == 404 and "没有索引号" in missing.json()["detail"]
    assert client.get("/api/v1/catalogue/items", {"category": "topic.10"}).status_code == 400
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/catalogue/items" in paths
    assert any(p.startswith("/api/v1/catalogue/items/{") for p in paths)


def test_the_mailbox_is_rate_limited_per_address(
    cat: Personas, client: Client, settings: object
) -> None:
    settings.PUBLIC_FORM_RATE = 1  # type: ignore[attr-defined]
    code = cat.agency_a.short_code
    form = {
        "kind": "director",
        "name": "张三",
        "contact": "13800000000",
        "subject": "噪音",
        "body": "夜间施工",
    }
    assert client.post(f"/open/{code}/mailbox/", form).status_code == 302
    again = client.post(f"/open/{code}/mailbox/", form).content.decode()
    assert "提交过于频繁" in again and cat.agency_a.letters.count() == 1
