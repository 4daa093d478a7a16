"""The public portal of proactive disclosure (no login; plain HTML forms and links, so every
basic path works without JavaScript): agencies, an agency's home, the catalogue by category
and genre, search, item pages, attachments, the Atom feed, the guide and the mailbox.

Only published, proactively disclosed items are ever shown (``public_items``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.cache import cache_control

from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue import mailbox, search, services
from gongkai_web.catalogue.defaults import (
    CHANNELS,
    GENRES,
    GUIDE_FEES,
    GUIDE_PROCEDURE,
    GUIDE_REMEDIES,
)
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.forms import LetterForm
from gongkai_web.catalogue.models import (
    Category,
    Disclosure,
    Item,
    ItemAttachment,
    ItemStatus,
    Letter,
)
from gongkai_web.portal import ratelimit

# Letters per address per hour: the public form's limit (portal.ratelimit, counted in the database).
MAILBOX_PER_ADDRESS = ratelimit.Limit("mailbox-addr", "PUBLIC_FORM_RATE", 3600)
PAGE_SIZE = 20
MAX_PAGE = 500  # deep pages of a million items are for the API, not for reading
LIST_FIELDS = ("index_no", "title", "doc_no", "published_on", "issuing_body", "genre", "agency_id")


def public_items() -> Any:
    return Item.objects.filter(status=ItemStatus.PUBLISHED, disclosure=Disclosure.PROACTIVE)


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(short_code=code).first()
    if agency is None:
        raise Http404("没有这个机关")
    return agency


def category_tree(agency: Agency) -> list[Category]:
    """The agency's roots, each with ``leaves`` (its categories in order): one query."""
    nodes = list(Category.objects.filter(agency=agency))
    roots = [n for n in nodes if n.parent_id is None]
    for root in roots:
        root.leaves = [n for n in nodes if n.parent_id == root.pk]  # type: ignore[attr-defined]
    return roots


def _page_no(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return min(max(int(raw), 1), MAX_PAGE) if raw.isdigit() else 1


def paged(items: Any, request: HttpRequest) -> dict[str, Any]:
    """One page, newest first, without counting a million rows: one extra row tells whether
    there is a next page. ``query`` repeats the request's filters for the pager's links."""
    page = _page_no(request)
    start = (page - 1) * PAGE_SIZE
    ordered = items.select_related("agency").order_by("-published_on", "-id")
    ordered = ordered.only(*LIST_FIELDS, "agency__name", "agency__short_code")
    rows = list(ordered[start : start + PAGE_SIZE + 1])
    kept = {k: v for k, v in request.GET.items() if k != "page" and v}
    query = urlencode(kept) + "&" if kept else ""
    return {
        "rows": rows[:PAGE_SIZE],
        "page": page,
        "has_next": len(rows) > PAGE_SIZE and page < MAX_PAGE,
        "query": query,
    }


def _annual_link(agency: Agency) -> str | None:
    try:
        return reverse("annual:published", kwargs={"code": agency.short_code})
    except NoReverseMatch:  # the published reports page is not in this build
        return None


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.order_by("parent_id", "name")
    latest = public_items().select_related("agency").order_by("-published_on", "-id")[:10]
    return render(request, "disclosure/home.html", {"agencies": agencies, "latest": latest})


@login_not_required
def agency_home(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(code)
    mine = public_items().filter(agency=agency)
    return render(
        request,
        "disclosure/agency.html",
        {
            "agency": agency,
            "latest": mine.order_by("-published_on", "-id").only(*LIST_FIELDS)[:10],
            "roots": category_tree(agency),
            "genres": GENRES,
            "annual_url": _annual_link(agency),
            "letters": Letter.objects.filter(agency=agency, published=True)[:5],
        },
    )


def _filters(
    request: HttpRequest, agency: Agency | None, roots: list[Category] | None = None
) -> tuple[Any, dict[str, Any]]:
    items = public_items()
    chosen: dict[str, Any] = {"q": request.GET.get("q", "").strip()[:200]}
    if agency is not None:
        items = items.filter(agency=agency)
    category = request.GET.get("category", "")
    if agency is not None and category:
        nodes = {n.code: n for r in roots or category_tree(agency) for n in [r, *r.leaves]}  # type: ignore[attr-defined]
        node = nodes.get(category)
        if node is None:
            raise Http404("没有这个分类")
        ids = [node.pk, *(leaf.pk for leaf in getattr(node, "leaves", []))]
        items = items.filter(category_id__in=ids)
        chosen["category"] = node
    genre = request.GET.get("genre", "")
    if genre:
        if genre not in dict(GENRES):
            raise Http404("没有这个体裁")
        items = items.filter(genre=genre)
        chosen["genre"] = genre
    return items, chosen


@login_not_required
def browse(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(code)
    roots = category_tree(agency)
    items, chosen = _filters(request, agency, roots)
    error = ""
    try:
        items = search.match(items, chosen["q"])
    except CatalogueError as exc:
        error, items = str(exc), items.none()
    return render(
        request,
        "disclosure/browse.html",
        {"agency": agency, "chosen": chosen, "error": error, "roots": roots, "genres": GENRES}
        | paged(items, request),
    )


@login_not_required
def search_all(request: HttpRequest) -> HttpResponse:
    agency = None
    code = request.GET.get("agency", "")
    if code:
        agency = _agency(code)
    items, chosen = _filters(request, agency)
    error = ""
    try:
        items = search.match(items, chosen["q"]) if chosen["q"] else items.none()
    except CatalogueError as exc:
        error, items = str(exc), items.none()
    return render(
        request,
        "disclosure/search.html",
        {
            "chosen": chosen,
            "error": error,
            "agency": agency,
            "agencies": Agency.objects.all(),
        }
        | paged(items, request),
    )


@login_not_required
def item_page(request: HttpRequest, index_no: str) -> HttpResponse:
    item = get_object_or_404(
        public_items().select_related("agency", "category", "interprets", "repealed_by"),
        index_no=index_no,
    )
    return render(
        request,
        "disclosure/item.html",
        {
            "item": item,
            "agency": item.agency,
            "attachments": item.attachments.all(),
            "interpretations": public_items().filter(interprets=item).only(*LIST_FIELDS),
            "policy": item.interprets if item.interprets and item.interprets.is_public else None,
            "repealed_by": item.repealed_by
            if item.repealed_by and item.repealed_by.is_public
            else None,
        },
    )


@login_not_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = get_object_or_404(ItemAttachment.objects.select_related("item"), pk=pk)
    if not found.item.is_public:
        raise Http404("没有这个附件")
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(False, found.name)
    return response


@login_not_required
@cache_control(max_age=3600)
def guide(request: HttpRequest, code: str) -> HttpResponse:
    """The 政府信息公开指南, generated from the agency's settings; printable."""
    agency = _agency(code)
    return render(
        request,
        "disclosure/guide.html",
        {
            "agency": agency,
            "settings": services.settings_for(agency),
            "channels": [name for _, name in CHANNELS if _ != "other"],
            "procedure": GUIDE_PROCEDURE,
            "fees": GUIDE_FEES,
            "remedies": GUIDE_REMEDIES,
            "roots": category_tree(agency),
        },
    )


@login_not_required
def mailbox_page(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(code)
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        who = ratelimit.client_ip(request)
        if not ratelimit.take(MAILBOX_PER_ADDRESS, who):
            form.add_error(
                None, "提交过于频繁：同一网络地址每小时提交的来信有数量限制，请稍后再试。"
            )
        else:
            try:
                mailbox.receive(agency, form.cleaned_data)
            except CatalogueError as exc:
                ratelimit.give_back(MAILBOX_PER_ADDRESS, who)
                form.add_error(None, str(exc))
            else:
                return redirect(f"{reverse('disclosure:mailbox', args=[code])}?sent=1")
    published = Letter.objects.filter(agency=agency, published=True)[:30]
    return render(
        request,
        "disclosure/mailbox.html",
        {
            "agency": agency,
            "form": form,
            "letters": published,
            "sent": request.GET.get("sent") == "1",
        },
    )


class AgencyFeed(Feed):  # type: ignore[type-arg]
    """Atom feed of an agency's newest items (django.contrib.syndication)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, code: str) -> Agency:
        return _agency(code)

    def title(self, obj: Agency) -> str:
        return f"{obj.name} · 主动公开"

    def link(self, obj: Agency) -> str:
        return reverse("disclosure:agency", args=[obj.short_code])

    def subtitle(self, obj: Agency) -> str:
        return f"{obj.name}新近主动公开的政府信息"

    def items(self, obj: Agency) -> Any:
        return public_items().filter(agency=obj).order_by("-published_on", "-id")[:50]

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary or item.body[:200]

    def item_link(self, item: Item) -> str:
        return reverse("disclosure:item", args=[item.index_no])

    def item_pubdate(self, item: Item) -> Any:
        import datetime as dt

        return dt.datetime.combine(item.published_on, dt.time(9, 0))

    def item_guid(self, item: Item) -> str:
        return f"urn:gongkai:item:{item.index_no}"

    item_guid_is_permalink = False


feed = login_not_required(AgencyFeed())
