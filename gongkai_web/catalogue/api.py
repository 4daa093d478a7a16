"""The catalogue's read-only JSON API under ``/api/v1/catalogue/``: published, proactively
disclosed items only (the portal's rules), newest first, 20 a page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue import search
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.models import Category, Item
from gongkai_web.catalogue.public_views import MAX_PAGE, PAGE_SIZE, public_items

PREFIX = "/catalogue"
router = Router(tags=["主动公开目录"])


class ItemOut(Schema):
    index_no: str
    title: str
    doc_no: str
    issuing_body: str
    agency: str
    agency_code: str
    category: str
    genre: str
    doc_class: str
    validity: str
    formed_on: dt.date
    published_on: dt.date
    url: str


class ItemDetailOut(ItemOut):
    summary: str
    body: str
    channels: list[str]
    interprets: str | None
    interpretations: list[str]
    repealed_by: str | None
    attachments: list[dict[str, str | int]]


class ItemPage(Schema):
    page: int
    page_size: int
    has_next: bool
    items: list[ItemOut]


def _out(item: Item) -> dict[str, object]:
    return {
        "index_no": item.index_no,
        "title": item.title,
        "doc_no": item.doc_no,
        "issuing_body": item.issuing_body,
        "agency": item.agency.name,
        "agency_code": item.agency.short_code,
        "category": item.category.name,
        "genre": item.get_genre_display(),
        "doc_class": item.get_doc_class_display(),
        "validity": item.get_validity_display() if item.validity else "",
        "formed_on": item.formed_on,
        "published_on": item.published_on,
        "url": f"/open/items/{item.index_no}/",
    }


@router.get("/items", response=ItemPage, summary="检索已公开的目录条目")
def items(
    request: HttpRequest,
    agency: str = "",
    q: str = "",
    category: str = "",
    genre: str = "",
    page: int = 1,
) -> dict[str, object]:
    """``agency``: 机关简称代码；``q``: 检索词（标题、文号、索引号、正文，空格分隔多个词）；
    ``category``: 分类编码（如 topic.10，需同时给出 agency）；``genre``: 体裁编码；``page``: 页码。"""
    found = public_items().select_related("agency", "category")
    if agency:
        chosen = Agency.objects.filter(short_code=agency).first()
        if chosen is None:
            raise HttpError(404, f"没有简称代码为“{agency}”的机关")
        found = found.filter(agency=chosen)
        if category:
            node = Category.objects.filter(agency=chosen, code=category).first()
            if node is None:
                raise HttpError(404, f"没有编码为“{category}”的分类")
            found = found.filter(
                category_id__in=[node.pk, *node.children.values_list("pk", flat=True)]
            )
    elif category:
        raise HttpError(400, "按分类检索时须同时给出机关简称代码 agency")
    if genre:
        found = found.filter(genre=genre)
    if not 1 <= page <= MAX_PAGE:
        raise HttpError(400, f"页码应在 1 至 {MAX_PAGE} 之间")
    try:
        found = search.match(found, q)
    except CatalogueError as exc:
        raise HttpError(400, str(exc)) from None
    start = (page - 1) * PAGE_SIZE
    rows = list(found.order_by("-published_on", "-id")[start : start + PAGE_SIZE + 1])
    return {
        "page": page,
        "page_size": PAGE_SIZE,
        "has_next": len(rows) > PAGE_SIZE,
        "items": [_out(i) for i in rows[:PAGE_SIZE]],
    }


@router.get("/items/{path:index_no}", response=ItemDetailOut, summary="按索引号取一条目录条目")
def item(request: HttpRequest, index_no: str) -> dict[str, object]:
    found = (
        public_items()
        .select_related("agency", "category", "interprets", "repealed_by")
        .filter(index_no=index_no)
        .first()
    )
    if found is None:
        raise HttpError(404, f"没有索引号为“{index_no}”的已公开条目")
    policy = found.interprets if found.interprets and found.interprets.is_public else None
    repealer = found.repealed_by if found.repealed_by and found.repealed_by.is_public else None
    return _out(found) | {
        "summary": found.summary,
        "body": found.body,
        "channels": found.channel_names(),
        "interprets": policy.index_no if policy else None,
        "interpretations": list(
            public_items().filter(interprets=found).values_list("index_no", flat=True)
        ),
        "repealed_by": repealer.index_no if repealer else None,
        "attachments": [
            {"name": a.name, "size": a.size, "type": a.content_type, "url": f"/open/files/{a.pk}/"}
            for a in found.attachments.all()
        ],
    }
