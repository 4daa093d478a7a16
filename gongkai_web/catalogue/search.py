"""Full-text search of the catalogue in Chinese, over title, document number, index number
and body text. One service, two backends (chosen by the database in use):

- SQLite: the FTS5 table ``catalogue_item_fts`` with the trigram tokenizer (migration 0002);
- PostgreSQL: ``pg_trgm``'s GIN index on the four columns joined, used by ILIKE.

Trigrams need three characters, so a term of one or two characters falls back to LIKE
(a scan, in date order, that stops as soon as a page is full). Several terms separated by
spaces must all match. Results are newest first.

On SQLite the index is asked first how many items match, up to PROBE: a query that matches
fewer is answered from the index (the few matches are then sorted by date); one that matches
more is common enough that scanning newest first with LIKE fills a page within a few thousand
rows — cheaper than collecting tens of thousands of matches to sort them. Both give the same
items; only the route differs.

A query that is exactly an item's 索引号 or 文号 finds that item (and others of that 文号) by
their plain indexes: a number is made of the commonest trigrams (digits, the organisation
code), the slowest thing to look up in a trigram index.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.models import Item

MAX_TERMS = 5
PROBE = 2000
MAX_QUERY = 100
# Must be the indexed expression of migration 0002, character for character.
PG_EXPR = "(title || ' ' || doc_no || ' ' || coalesce(index_no, '') || ' ' || body)"
PG_QUERY = (
    "(catalogue_item.title || ' ' || catalogue_item.doc_no || ' ' || "
    "coalesce(catalogue_item.index_no, '') || ' ' || catalogue_item.body)"
)
FTS_SQL = "SELECT rowid FROM catalogue_item_fts WHERE catalogue_item_fts MATCH %s"


def terms(query: str) -> list[str]:
    """The words of a query (white space, full-width too, separates them).

    Raises CatalogueError for a query too long to be a search (a pasted document)."""
    query = query.replace("\u3000", " ").strip()
    if len(query) > MAX_QUERY:
        raise CatalogueError(f"检索词过长：最多 {MAX_QUERY} 个字")
    words = [w for w in query.split() if w]
    if len(words) > MAX_TERMS:
        raise CatalogueError(f"检索词过多：最多 {MAX_TERMS} 个，请用空格分隔")
    return words


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _short(term: str) -> Q:
    return (
        Q(title__icontains=term)
        | Q(doc_no__icontains=term)
        | Q(index_no__icontains=term)
        | Q(body__icontains=term)
    )


def _fts_matches_few(expression: str) -> bool:
    """True when the FTS5 index holds fewer than PROBE matches (it stops counting there)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({FTS_SQL} LIMIT {PROBE})", [expression])
        return int(cursor.fetchone()[0]) < PROBE


def match(items: QuerySet[Item], query: str) -> QuerySet[Item]:
    """``items`` narrowed to those matching every term of ``query``; unchanged for an empty
    query. Raises CatalogueError for a query that is too long or has too many terms."""
    words = terms(query)
    if len(words) == 1:
        exact = items.filter(Q(index_no=words[0]) | Q(doc_no=words[0]))
        if exact.exists():
            return exact
    if connection.vendor == "postgresql":
        for term in words:
            # Column names qualified (joins): PostgreSQL still matches the indexed expression.
            items = items.extra(where=[f"{PG_QUERY} ILIKE %s"], params=[_like(term)])
        return items
    long = [w for w in words if len(w) >= 3] if connection.vendor == "sqlite" else []
    if long:
        expression = " AND ".join('"' + w.replace('"', '""') + '"' for w in long)
        if _fts_matches_few(expression):
            items = items.filter(id__in=RawSQL(FTS_SQL, (expression,)))
            words = [w for w in words if len(w) < 3]
    for term in words:
        items = items.filter(_short(term))
    return items
