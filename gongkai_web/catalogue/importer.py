"""Importing an existing catalogue (the columns offices export from their CMS) as published
items. Every row is checked first; a bad row is named by row, column and reason and nothing is
imported (or, with ``good_rows_only``, only the good rows are). A row whose 索引号 is already
in the catalogue updates that item; a row without one matches an item of the same title,
document number and date; so importing a file twice never duplicates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from gongkai_web.accounts.models import Agency
from gongkai_web.applications import audit
from gongkai_web.applications.models import AuditEntry
from gongkai_web.catalogue import services
from gongkai_web.catalogue.defaults import CHANNELS, GENRES
from gongkai_web.catalogue.errors import CatalogueError, ImportRejected
from gongkai_web.catalogue.models import (
    Category,
    Disclosure,
    DocClass,
    EventKind,
    Item,
    ItemEvent,
    ItemStatus,
    Validity,
)
from gongkai_web.catalogue.tabular import parse_date, read_table

# Column → the names offices' exports give it (first is the one our template uses).
COLUMNS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号",),
    "title": ("标题", "名称", "信息名称", "文件名称"),
    "doc_no": ("文号", "发文字号", "发文文号"),
    "issuing_body": ("发布机构", "发文机关", "发布机关", "发文单位"),
    "formed_on": ("成文日期", "生成日期", "形成日期"),
    "published_on": ("发布日期", "公开日期", "发布时间"),
    "category": ("主题分类", "分类", "信息分类"),
    "genre": ("体裁", "文种", "体裁分类"),
    "doc_class": ("文件类别",),
    "validity": ("有效性", "效力状态", "时效性"),
    "validity_changed_on": ("废止日期", "失效日期", "有效性变化日期"),
    "channels": ("发布渠道",),
    "summary": ("内容概述", "摘要", "内容摘要"),
    "body": ("正文", "内容"),
}
REQUIRED = ("title", "issuing_body", "formed_on", "published_on", "category")
LABELS = {key: names[0] for key, names in COLUMNS.items()}
GENRE_BY_NAME = {name: key for key, name in GENRES} | {key: key for key, _ in GENRES}
CHANNEL_BY_NAME = {name: key for key, name in CHANNELS} | {key: key for key, _ in CHANNELS}
CLASS_BY_NAME = {"": DocClass.ORDINARY, "一般信息": DocClass.ORDINARY, "规章": DocClass.RULE}
CLASS_BY_NAME |= {"规范性文件": DocClass.NORMATIVE, "行政规范性文件": DocClass.NORMATIVE}
VALIDITY_BY_NAME = {label: value for value, label in Validity.choices} | {"现行有效": "valid"}
TEMPLATE_HEADERS = [LABELS[k] for k in COLUMNS]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str, str]] = field(default_factory=list)


def _columns(headers: list[str]) -> dict[str, str]:
    """Our field → the file's header for it. Raises CatalogueError naming missing columns."""
    found: dict[str, str] = {}
    for key, names in COLUMNS.items():
        for name in names:
            if name in headers:
                found[key] = name
                break
    missing = [LABELS[k] for k in REQUIRED if k not in found]
    if missing:
        raise CatalogueError(
            f"缺少必需的列：{'、'.join(missing)}（第 1 行应为表头，可下载导入模板对照）"
        )
    return found


class _Bad(Exception):
    def __init__(self, column: str, reason: str) -> None:
        self.column, self.reason = column, reason


def _date(values: dict[str, str], key: str, required: bool) -> dt.date | None:
    text = values.get(key, "")
    if not text:
        if required:
            raise _Bad(LABELS[key], "不能为空")
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise _Bad(LABELS[key], str(exc)) from None


def _lookup(values: dict[str, str], key: str, table: dict[str, Any]) -> Any:
    text = values.get(key, "")
    if text not in table:
        raise _Bad(LABELS[key], f"“{text}”不是可用的值（可用：{'、'.join(k for k in table if k)}）")
    return table[text]


def _row_fields(values: dict[str, str], categories: dict[str, Category]) -> dict[str, Any]:
    for key in ("title", "issuing_body"):
        if not values.get(key):
            raise _Bad(LABELS[key], "不能为空")
    name = values.get("category", "")
    if name not in categories:
        raise _Bad(LABELS["category"], f"“{name}”不是本机关目录中的分类")
    channels = [c for c in values.get("channels", "").replace("，", "、").split("、") if c]
    fields: dict[str, Any] = {
        "title": values["title"][:300],
        "doc_no": values.get("doc_no", "")[:100],
        "issuing_body": values["issuing_body"][:100],
        "formed_on": _date(values, "formed_on", True),
        "published_on": _date(values, "published_on", True),
        "category": categories[name],
        "genre": _lookup(values | {"genre": values.get("genre") or "其他"}, "genre", GENRE_BY_NAME),
        "doc_class": _lookup(values, "doc_class", CLASS_BY_NAME),
        "summary": values.get("summary", ""),
        "body": values.get("body", ""),
        # the portal itself is the website: an item imported without channels was published there
        "channels": [_lookup({"channels": c}, "channels", CHANNEL_BY_NAME) for c in channels]
        or ["website"],
        "validity": "",
        "validity_changed_on": _date(values, "validity_changed_on", False),
    }
    if fields["doc_class"] != DocClass.ORDINARY:
        fields["validity"] = _lookup(
            values | {"validity": values.get("validity") or "有效"}, "validity", VALIDITY_BY_NAME
        )
    if fields["published_on"] < fields["formed_on"]:
        raise _Bad(LABELS["published_on"], "发布日期早于成文日期")
    return fields


def _checked(
    agency: Agency,
    number: int,
    values: dict[str, str],
    categories: dict[str, Category],
    seen: set[str],
) -> Item:
    fields = _row_fields(values, categories)
    index_no = values.get("index_no", "").strip() or None
    if index_no:
        if index_no in seen:
            raise _Bad(LABELS["index_no"], f"索引号“{index_no}”在文件中重复")
        seen.add(index_no)
        other = Item.objects.filter(index_no=index_no).exclude(agency=agency).exists()
        if other:
            raise _Bad(LABELS["index_no"], f"索引号“{index_no}”已被其他机关使用")
    item = Item(agency=agency, index_no=index_no, status=ItemStatus.PUBLISHED, **fields)
    try:
        services.check(item)
    except CatalogueError as exc:
        raise _Bad("（整行）", str(exc)) from None
    return item


def _existing(agency: Agency, item: Item) -> Item | None:
    found = Item.objects.filter(agency=agency)
    if item.index_no:
        return found.filter(index_no=item.index_no).first()
    return found.filter(title=item.title, doc_no=item.doc_no, formed_on=item.formed_on).first()


COMPARED = (
    "title",
    "doc_no",
    "issuing_body",
    "formed_on",
    "published_on",
    "category_id",
    "genre",
    "doc_class",
    "summary",
    "body",
    "channels",
    "validity",
    "validity_changed_on",
)


def import_catalogue(
    agency: Agency, name: str, data: bytes, actor: Any = None, good_rows_only: bool = False
) -> ImportResult:
    """Import the file; raises ImportRejected (every bad row named) unless ``good_rows_only``,
    and CatalogueError for a file that cannot be read at all."""
    headers, rows = read_table(name, data)
    columns = _columns(headers)
    services.ensure_categories(agency)
    categories = {c.name: c for c in Category.objects.filter(agency=agency, parent__isnull=False)}
    categories |= {c.code: c for c in categories.values()}
    good: list[tuple[int, Item]] = []
    problems: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for number, raw in rows:
        values = {key: raw.get(header, "").strip() for key, header in columns.items()}
        try:
            good.append((number, _checked(agency, number, values, categories, seen)))
        except _Bad as bad:
            problems.append((number, bad.column, bad.reason))
    if problems and not good_rows_only:
        raise ImportRejected(problems)
    result = _save(agency, [item for _, item in good], actor)
    result.skipped = problems
    return result


@transaction.atomic
def _save(agency: Agency, items: list[Item], actor: Any) -> ImportResult:
    result = ImportResult()
    new: list[Item] = []
    for item in items:
        old = _existing(agency, item)
        if old is None:
            new.append(item)
            continue
        before = audit.snapshot(old)
        for key in COMPARED:
            setattr(old, key, getattr(item, key))
        changes = audit.diff(before, audit.snapshot(old))
        if not changes:
            result.unchanged += 1
            continue
        old.save()
        ItemEvent.objects.create(
            item=old,
            kind=EventKind.IMPORTED,
            note="重新导入更新",
            changes=changes,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.log(actor, agency, old, "imported", changes)
        result.updated += 1
    bulk_publish(agency, new, actor, "导入")
    result.created = len(new)
    return result


def bulk_publish(agency: Agency, items: list[Item], actor: Any, note: str) -> list[Item]:
    """Save already-published items in bulk (imports, the demo): index numbers assigned by the
    agency's scheme where missing, one history event and one audit entry each."""
    who = actor if getattr(actor, "is_authenticated", False) else None
    by_year: dict[int, list[Item]] = {}
    for item in items:
        item.agency = agency
        item.status = ItemStatus.PUBLISHED
        item.disclosure = item.disclosure or Disclosure.PROACTIVE
        if not item.channels:
            item.channels = ["website"]
        if item.index_no is None:
            by_year.setdefault(item.formed_on.year, []).append(item)
    for year, waiting in by_year.items():
        for item, number in zip(
            waiting, services.reserve_index_nos(agency, year, len(waiting)), strict=True
        ):
            item.index_no = number
    created = Item.objects.bulk_create(items, batch_size=500)
    if created and created[0].pk is None:  # backends that do not return keys
        by_no = dict(
            Item.objects.filter(index_no__in=[i.index_no for i in items]).values_list(
                "index_no", "pk"
            )
        )
        for item in created:
            item.pk = by_no[item.index_no]
    ItemEvent.objects.bulk_create(
        (
            ItemEvent(
                item=i, kind=EventKind.IMPORTED, actor=who, note=f"{note}（索引号 {i.index_no}）"
            )
            for i in created
        ),
        batch_size=1000,
    )
    AuditEntry.objects.bulk_create(
        (
            AuditEntry(
                actor=who,
                agency=agency,
                model=Item._meta.label,
                object_id=str(i.pk),
                action="imported",
                changes={"index_no": i.index_no, "title": i.title},
            )
            for i in created
        ),
        batch_size=1000,
    )
    return created
