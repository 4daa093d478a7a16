"""The catalogue's steps: draft → confidentiality review (保密审查) → sign-off levels (审签,
1–3 per agency) → published (索引号 assigned), sent back with a reason, withdrawn with a
reason; validity of rules and normative documents; attachments.

Each step is one transaction that records an ItemEvent (the item's history) and an entry in
the append-only audit log. Every function raises CatalogueError (Chinese message) for a step
the item's state does not allow. Roles are checked by the caller (``catalogue.access``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.errors import OutsideCalendar
from gongkai.workdays.deadlines import proactive_due
from gongkai_web.accounts.models import Agency
from gongkai_web.applications import audit
from gongkai_web.applications.timing import calendar
from gongkai_web.catalogue.defaults import CATEGORY_TREE, CHANNELS, GENRES
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.models import (
    ENDED,
    CatalogueSettings,
    Category,
    Disclosure,
    DocClass,
    EventKind,
    IndexCounter,
    IndexScheme,
    Item,
    ItemAttachment,
    ItemEvent,
    ItemStatus,
    Validity,
)

# The fields a draft's form may set (everything else is the workflow's).
EDITABLE = (
    "title",
    "summary",
    "body",
    "issuing_body",
    "doc_no",
    "formed_on",
    "changed_on",
    "category",
    "genre",
    "doc_class",
    "disclosure",
    "withheld_reason",
    "validity",
    "effective_on",
    "validity_changed_on",
    "repealed_by",
    "interprets",
    "channels",
)
IN_REVIEW = (ItemStatus.CONFIDENTIALITY, ItemStatus.SIGNOFF)
CHANNEL_IDS = {c for c, _ in CHANNELS}
GENRE_IDS = {g for g, _ in GENRES}


def settings_for(agency: Agency) -> CatalogueSettings:
    found, _ = CatalogueSettings.objects.get_or_create(agency=agency)
    return found


def ensure_categories(agency: Agency) -> list[Category]:
    """The agency's catalogue tree, created from the default one the first time."""
    if not Category.objects.filter(agency=agency).exists():
        for order, (code, name, children) in enumerate(CATEGORY_TREE):
            root = Category.objects.create(agency=agency, code=code, name=name, order=order)
            Category.objects.bulk_create(
                Category(agency=agency, parent=root, code=c, name=n, order=i)
                for i, (c, n) in enumerate(children)
            )
    return list(Category.objects.filter(agency=agency).select_related("parent"))


def due_date(formed: dt.date, changed: dt.date | None) -> dt.date | None:
    """第二十六条: 20 working days from forming or the latest change; None outside the calendar
    (an old item being catalogued has no deadline left to watch)."""
    try:
        return proactive_due(calendar(), changed or formed).due
    except (OutsideCalendar, ValueError):
        return None


def check(item: Item) -> None:
    """Raise CatalogueError naming the first field that makes ``item`` inconsistent."""
    if not item.title.strip():
        raise CatalogueError("标题不能为空")
    if item.category.agency_id != item.agency_id:
        raise CatalogueError("主题分类不属于本机关的目录")
    if item.genre not in GENRE_IDS:
        raise CatalogueError(f"体裁“{item.genre}”不在体裁列表中")
    unknown = [c for c in item.channels if c not in CHANNEL_IDS]
    if unknown:
        raise CatalogueError(f"发布渠道“{'、'.join(unknown)}”不在渠道列表中")
    if item.changed_on and item.changed_on < item.formed_on:
        raise CatalogueError("变更日期早于成文日期")
    if item.disclosure == Disclosure.WITHHELD and not item.withheld_reason:
        raise CatalogueError("不予公开的信息须注明第十四条至第十六条规定的理由")
    if item.disclosure != Disclosure.WITHHELD and item.withheld_reason:
        raise CatalogueError("只有不予公开的信息才填写不予公开理由")
    _check_validity(item)
    for link, label in ((item.repealed_by, "废止或修改它的文件"), (item.interprets, "解读的政策")):
        if link is not None and (link.agency_id != item.agency_id or link.pk == item.pk):
            raise CatalogueError(f"{label}须是本机关目录中的另一条目")
    if item.interprets is not None and item.genre != "interpretation":
        raise CatalogueError("关联被解读政策的条目，体裁应为“政策解读”")


def _check_validity(item: Item) -> None:
    if item.doc_class == DocClass.ORDINARY:
        if item.validity or item.repealed_by_id:
            raise CatalogueError("只有规章和行政规范性文件登记有效性")
        return
    if not item.doc_no.strip():
        raise CatalogueError(f"{item.get_doc_class_display()}须填写文号")
    if not item.validity:
        item.validity = Validity.VALID
    if item.validity == Validity.VALID:
        if item.validity_changed_on:
            raise CatalogueError("有效的文件不填写失效、废止或修改日期")
        return
    if item.validity_changed_on is None:
        raise CatalogueError(f"文件{item.get_validity_display()}须填写其日期")
    if item.validity_changed_on < item.formed_on:
        raise CatalogueError(f"{item.get_validity_display()}日期早于成文日期")


def _event(item: Item, kind: str, actor: Any, note: str = "", **extra: Any) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        **extra,
    )


def _require(item: Item, allowed: tuple[str, ...], what: str) -> None:
    if item.status not in allowed:
        raise CatalogueError(f"条目“{item.title}”当前为“{item.get_status_display()}”，不能{what}")


@transaction.atomic
def create_item(agency: Agency, data: dict[str, Any], actor: Any = None) -> Item:
    """A new draft from ``data`` (keys of EDITABLE)."""
    item = Item(
        agency=agency, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    for key, value in data.items():
        if key not in EDITABLE:
            raise CatalogueError(f"字段“{key}”不能直接填写")
        setattr(item, key, value)
    check(item)
    item.due = due_date(item.formed_on, item.changed_on) if _watched(item) else None
    item.save()
    _event(item, EventKind.CREATED, actor)
    audit.log(actor, agency, item, "created", audit.snapshot(item))
    return item


def _watched(item: Item) -> bool:
    return item.disclosure == Disclosure.PROACTIVE


@transaction.atomic
def update_item(item: Item, data: dict[str, Any], actor: Any) -> Item:
    """Edit a draft; the change is in the history with what it was and became."""
    _require(item, (ItemStatus.DRAFT,), "修改（请先退回为草稿）")
    before = audit.snapshot(item)
    for key, value in data.items():
        if key not in EDITABLE:
            raise CatalogueError(f"字段“{key}”不能直接填写")
        setattr(item, key, value)
    check(item)
    item.due = due_date(item.formed_on, item.changed_on) if _watched(item) else None
    item.save()
    changes = audit.diff(before, audit.snapshot(item))
    _event(item, EventKind.EDITED, actor, changes=changes)
    audit.log(actor, item.agency, item, "edited", changes)
    return item


def _step(item: Item, kind: str, actor: Any, note: str = "", level: int | None = None) -> None:
    before = audit.snapshot(item)
    item.save()
    changes = audit.diff(before, audit.snapshot(item))
    _event(item, kind, actor, note, level=level, changes=changes)
    audit.log(actor, item.agency, item, kind, changes | ({"note": note} if note else {}))


@transaction.atomic
def submit(item: Item, actor: Any) -> None:
    """Send a draft to confidentiality review (保密审查)."""
    _require(item, (ItemStatus.DRAFT,), "提交保密审查")
    item.status = ItemStatus.CONFIDENTIALITY
    _step(item, EventKind.SUBMITTED, actor)


@transaction.atomic
def clear_confidentiality(item: Item, actor: Any, note: str = "") -> None:
    """保密审查通过: the item goes to the first sign-off level."""
    _require(item, (ItemStatus.CONFIDENTIALITY,), "进行保密审查")
    if item.disclosure != Disclosure.PROACTIVE:
        raise CatalogueError(
            f"本条目公开属性为“{item.get_disclosure_display()}”，不能主动发布；请退回修改公开属性"
        )
    item.status = ItemStatus.SIGNOFF
    item.signoffs_done = 0
    _step(item, EventKind.CLEARED, actor, note or "经审查不涉及国家秘密")


def _signers(item: Item) -> set[int]:
    """Who signed the current round (since the last submission)."""
    last = item.events.filter(kind=EventKind.SUBMITTED).order_by("-id").first()
    rows = item.events.filter(kind=EventKind.SIGNED, id__gt=last.id if last else 0)
    return {a for a in rows.values_list("actor_id", flat=True) if a is not None}


@transaction.atomic
def sign(item: Item, actor: Any, on: dt.date, note: str = "") -> None:
    """One sign-off level (审签); the last level publishes the item on ``on``. One person signs
    at most one level of an item."""
    _require(item, (ItemStatus.SIGNOFF,), "审签")
    if getattr(actor, "pk", None) in _signers(item):
        raise CatalogueError("同一人不能审签同一条目的两个层级，请由上一级负责人审签")
    levels = settings_for(item.agency).signoff_levels
    item.signoffs_done += 1
    _step(item, EventKind.SIGNED, actor, note, level=item.signoffs_done)
    if item.signoffs_done >= levels:
        _publish(item, actor, on)


def _publish(item: Item, actor: Any, on: dt.date) -> None:
    if item.index_no is None:
        item.index_no = next_index_no(item.agency, item.formed_on.year)
    item.published_on = on
    item.status = ItemStatus.PUBLISHED
    if "website" not in item.channels:
        item.channels = ["website", *item.channels]
    _step(item, EventKind.PUBLISHED, actor, f"索引号 {item.index_no}")


@transaction.atomic
def send_back(item: Item, actor: Any, reason: str) -> None:
    """Return an item under review to its drafter, with the reason."""
    _require(item, IN_REVIEW, "退回")
    if not reason.strip():
        raise CatalogueError("退回须写明理由")
    item.status = ItemStatus.DRAFT
    item.signoffs_done = 0
    _step(item, EventKind.RETURNED, actor, reason.strip())


@transaction.atomic
def withdraw(item: Item, actor: Any, reason: str) -> None:
    """Take a published item off the portal; it stays in the catalogue and its history, and its
    index number is never given to another item."""
    _require(item, (ItemStatus.PUBLISHED,), "撤回")
    if not reason.strip():
        raise CatalogueError("撤回须写明理由")
    item.status = ItemStatus.WITHDRAWN
    item.withdrawn_reason = reason.strip()
    _step(item, EventKind.WITHDRAWN, actor, reason.strip())


@transaction.atomic
def set_validity(
    item: Item, actor: Any, validity: str, on: dt.date | None, by: Item | None = None
) -> None:
    """Record that a rule or normative document expired, was repealed or amended on ``on``
    (by the document ``by``), or is valid again."""
    if item.doc_class == DocClass.ORDINARY:
        raise CatalogueError("只有规章和行政规范性文件登记有效性")
    before = audit.snapshot(item)
    item.validity = Validity(validity)
    item.validity_changed_on = None if item.validity == Validity.VALID else on
    item.repealed_by = by if item.validity != Validity.VALID else None
    check(item)
    item.save()
    changes = audit.diff(before, audit.snapshot(item))
    note = item.get_validity_display() + (f"（{on}）" if on else "")
    _event(item, EventKind.VALIDITY, actor, note, changes=changes)
    audit.log(actor, item.agency, item, "validity", changes)


def is_ended(item: Item) -> bool:
    return item.validity in ENDED


def _index_prefix(agency: Agency) -> str:
    if settings_for(agency).index_scheme == IndexScheme.CODE_YEAR_SEQ:
        return agency.short_code
    if len(agency.org_code) != 18:
        raise CatalogueError(
            f"{agency.name}未登记 18 位统一社会信用代码，无法按默认规则生成索引号；"
            "请在机关信息中填写，或改用“机关简称代码-年份-序号”规则"
        )
    return agency.org_code


def reserve_index_nos(agency: Agency, year: int, count: int) -> list[str]:
    """``count`` new index numbers of the agency's scheme for ``year``: organisation code (or
    short code), year, 5-digit sequence. Never reused: the counter only grows and numbers an
    imported item already holds are skipped. Call inside a transaction."""
    prefix = _index_prefix(agency)
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    found: list[str] = []
    while len(found) < count:
        need = count - len(found)
        batch = [
            f"{prefix}-{year}-{n:05d}" for n in range(counter.last + 1, counter.last + need + 1)
        ]
        counter.last += need
        taken: set[str] = set()
        for start in range(0, len(batch), 5000):  # bounded IN lists
            chunk = batch[start : start + 5000]
            taken.update(Item.objects.filter(index_no__in=chunk).values_list("index_no", flat=True))
        found.extend(n for n in batch if n not in taken)
    counter.save(update_fields=["last"])
    return found


def next_index_no(agency: Agency, year: int) -> str:
    return reserve_index_nos(agency, year, 1)[0]


@transaction.atomic
def add_attachment(item: Item, upload: UploadedFile, actor: Any) -> ItemAttachment:
    """Attach a file (the same size and type limits as for cases)."""
    name = Path(upload.name or "").name
    ext = Path(name).suffix.lower()
    if ext not in settings.ATTACHMENT_TYPES:
        allowed = "、".join(sorted(settings.ATTACHMENT_TYPES))
        raise CatalogueError(f"不支持的文件类型“{ext or '无扩展名'}”：仅接受 {allowed}")
    if upload.size is None or upload.size > settings.ATTACHMENT_MAX_BYTES:
        mb = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise CatalogueError(f"文件过大：最大 {mb} MB")
    if item.status == ItemStatus.WITHDRAWN:
        raise CatalogueError("已撤回的条目不能再上传附件")
    attachment = ItemAttachment(
        item=item, name=name[:200], size=upload.size, content_type=settings.ATTACHMENT_TYPES[ext]
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    _event(item, EventKind.ATTACHMENT, actor, attachment.name)
    record = audit.snapshot(attachment) | {"file": attachment.file.name}
    audit.log(actor, item.agency, attachment, "created", record)
    return attachment


@transaction.atomic
def update_settings(agency: Agency, data: dict[str, Any], actor: Any) -> CatalogueSettings:
    """Index scheme, sign-off levels (1–3) and the guide's note. A new sign-off count applies
    to items that reach sign-off from now on."""
    current = settings_for(agency)
    before = audit.snapshot(current)
    levels = int(data["signoff_levels"])
    if not 1 <= levels <= 3:
        raise CatalogueError("审签级数应为 1 至 3 级")
    current.index_scheme = IndexScheme(data["index_scheme"])
    current.signoff_levels = levels
    current.guide_note = str(data.get("guide_note", ""))
    current.save()
    audit.log(actor, agency, current, "settings", audit.diff(before, audit.snapshot(current)))
    return current
