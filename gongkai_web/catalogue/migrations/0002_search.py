"""Full-text search over title, document number, index number and body (see search.py).

SQLite: an FTS5 table with the trigram tokenizer (any 3+ characters of Chinese match),
external content kept in sync by triggers. PostgreSQL: pg_trgm and a GIN trigram index on the
same four columns joined (the expression must match search.PG_EXPR exactly). pg_trgm is a
trusted extension (PostgreSQL 13+), so the database owner may create it without superuser.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE catalogue_item_fts USING fts5("
    "title, doc_no, index_no, body, content='catalogue_item', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER catalogue_item_fts_ai AFTER INSERT ON catalogue_item BEGIN "
    "INSERT INTO catalogue_item_fts(rowid, title, doc_no, index_no, body) "
    "VALUES (new.id, new.title, new.doc_no, new.index_no, new.body); END",
    "CREATE TRIGGER catalogue_item_fts_ad AFTER DELETE ON catalogue_item BEGIN "
    "INSERT INTO catalogue_item_fts(catalogue_item_fts, rowid, title, doc_no, index_no, body) "
    "VALUES ('delete', old.id, old.title, old.doc_no, old.index_no, old.body); END",
    "CREATE TRIGGER catalogue_item_fts_au AFTER UPDATE OF title, doc_no, index_no, body "
    "ON catalogue_item BEGIN "
    "INSERT INTO catalogue_item_fts(catalogue_item_fts, rowid, title, doc_no, index_no, body) "
    "VALUES ('delete', old.id, old.title, old.doc_no, old.index_no, old.body); "
    "INSERT INTO catalogue_item_fts(rowid, title, doc_no, index_no, body) "
    "VALUES (new.id, new.title, new.doc_no, new.index_no, new.body); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS catalogue_item_fts_au",
    "DROP TRIGGER IF EXISTS catalogue_item_fts_ad",
    "DROP TRIGGER IF EXISTS catalogue_item_fts_ai",
    "DROP TABLE IF EXISTS catalogue_item_fts",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalogue_item_trgm ON catalogue_item USING gin "
    "((title || ' ' || doc_no || ' ' || coalesce(index_no, '') || ' ' || body) gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS catalogue_item_trgm"]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
