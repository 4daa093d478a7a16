#!/usr/bin/env python3
"""The disclosure office with a million cases: tables 3 and 4, and the case list page.

    bench/office.py [--cases N] [--runs R] [--requests Q] [--backends sqlite,postgres]
                    [--keep DIR] [--only PATTERN]

For each database (SQLite in a fresh temporary folder; PostgreSQL in a database
``gongkai_bench`` made for the run and dropped after it, through $GONGKAI_BENCH_POSTGRES_URL,
default postgres://gongkai:gongkai@localhost:5432/ — the role scripts/test-postgres makes):
  build   N cases (default 1,000,000) written straight into the tables (executemany on
          SQLite, COPY on PostgreSQL), over 20 agencies of very different size and three
          years, most closed with a table 3 outcome, the recent ones open; 1% challenged
          (review, suits; some pending). No events or audit entries: they are not read here.
  tables  table3 + table4 for one year, for the biggest agency and for all agencies: the
          median of R runs (default 5). Target: under 2 s.
  list    GET /cases/ with Django's test Client logged in as a handler of the biggest
          agency, Q times (default 200): p50 and p95. Target p95 under 100 ms. Every
          filter and sort (status, type, outcome, date range, assignee, clock, overdue,
          暂定, search by ID number / phone / tracking code), and the supervisor's list.
  queues  GET / (the dashboard with its queues and charts) as handler, reviewer,
          registrar, agency admin and supervisor: p50 and p95, target p95 under 100 ms.
  export  /cases/export?format=xlsx of 100,000 cases (--export-cases): seconds and the
          growth of the process's peak memory; target under 30 s, memory bounded.
A database that cannot be had is one line saying so, and the other is still measured.
--keep DIR keeps what was built for the next run: the SQLite file in DIR, the PostgreSQL
database left in place. A later run with the same DIR reuses them when they hold --cases
cases (else it builds afresh); a reused database is migrated and re-analysed first, so a new
index is in it and the planner knows it. --only PATTERN times only the pages whose address
(or persona) contains PATTERN, and skips the tables and the export unless PATTERN says so
("tables", "export").
Each database runs in its own process (Django's settings are per process).
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

# One database per checkout, so two checkouts benchmarking at once never drop each other's.
BENCH_DB = (
    "gongkai_bench_"
    + __import__("hashlib")
    .sha1(str(Path(__file__).resolve().parent.parent).encode())
    .hexdigest()[:8]
)
YEARS = (2024, 2025, 2026)
TODAY = dt.date(2026, 11, 20)
YEAR = 2025  # the year the tables are measured for
AGENCIES = 20
TABLES_TARGET_S, LIST_TARGET_MS, EXPORT_TARGET_S = 2.0, 100.0, 30.0
LAST_NOTICE_DAY = dt.date(2026, 12, 28)  # later deadlines are 暂定 (no 2027 notice)
OPEN_STATUSES = ["registered", "handling", "handling", "handling", "in_review", "consulting"]
OPEN_STATUSES += ["awaiting_correction", "awaiting_fee", "approved"]

# ---- the parent: one child process per database ------------------------------------------


def _postgres_base() -> str:
    return os.environ.get(
        "GONGKAI_BENCH_POSTGRES_URL", "postgres://gongkai:gongkai@localhost:5432/"
    )


def _make_postgres_db(keep: bool = False) -> str | None:
    """Create an empty UTF-8 ``gongkai_bench``; its URL, or None (reason printed). With
    ``keep`` an existing one is left as it is (the child decides whether to reuse it)."""
    import psycopg

    base = _postgres_base().rstrip("/")
    try:
        with psycopg.connect(
            base.replace("postgres://", "postgresql://", 1) + "/postgres",
            autocommit=True,
            connect_timeout=5,
        ) as conn:
            found = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]
            ).fetchone()
            if keep and found:
                return f"{base}/{BENCH_DB}"
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            conn.execute(
                f"CREATE DATABASE {BENCH_DB} TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    except Exception as exc:
        print(f"== PostgreSQL: skipped ({type(exc).__name__}: {' '.join(str(exc).split())})")
        print("   start it with scripts/test-postgres (as root), or set GONGKAI_BENCH_POSTGRES_URL")
        return None
    return f"{base}/{BENCH_DB}"


def _drop_postgres_db() -> None:
    import psycopg

    base = _postgres_base().rstrip("/").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


def run_all(args: argparse.Namespace) -> int:
    status = 0
    child = [sys.executable, __file__, "--cases", str(args.cases), "--runs", str(args.runs)]
    child += ["--requests", str(args.requests), "--export-cases", str(args.export_cases)]
    if args.only is not None:
        child += ["--only", args.only]
    for backend in args.backends.split(","):
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="gongkai_web.settings", GONGKAI_DEBUG="0")
        env.pop("DATABASE_URL", None)
        with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as scratch:
            data = scratch
            if args.keep:
                data = str(Path(args.keep, backend).resolve())
                Path(data).mkdir(parents=True, exist_ok=True)
            env["GONGKAI_DATA"] = data
            Path(data, "static").mkdir(exist_ok=True)  # whitenoise's; the pages need no files
            if backend == "postgres":
                url = _make_postgres_db(keep=bool(args.keep))
                if url is None:
                    continue
                env["DATABASE_URL"] = url
            elif backend != "sqlite":
                print(f"unknown backend {backend!r} (sqlite, postgres)")
                return 2
            reuse = ["--reuse"] if args.keep else []
            try:
                status |= subprocess.call([*child, *reuse, "--backend", backend], env=env)
            finally:
                if backend == "postgres" and not args.keep:
                    _drop_postgres_db()
    return status


# ---- the child: build and measure one database -------------------------------------------


def _weights() -> dict[str, Any]:
    """The demo office's proportions, with more of the rows the demo reaches by events."""
    from gongkai_web.applications.demo_data import (
        APPLICANT_WEIGHTS,
        CHANNEL_WEIGHTS,
        OUTCOME_WEIGHTS,
    )

    outcomes = dict(OUTCOME_WEIGHTS, **{"other.no_correction": 8, "other.no_fee": 3})
    outcomes["other.other"] = 25
    return {
        "types": (list(APPLICANT_WEIGHTS), list(APPLICANT_WEIGHTS.values())),
        "channels": (list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())),
        "outcomes": (list(outcomes), list(outcomes.values())),
    }


APP_COLUMNS = [
    "agency_id",
    "reg_no",
    "tracking_code",
    "applicant_type",
    "applicant_name",
    "id_document",
    "phone",
    "email",
    "address",
    "description",
    "form_wanted",
    "delivery",
    "channel",
    "arrived",
    "confirmed",
    "received",
    "status",
    "extension_approved_by",
    "due",
    "due_provisional",
    "next_deadline",
    "next_deadline_kind",
    "provisional",
    "id_key",
    "phone_key",
    "assignee_id",
    "timing_error",
    "outcome",
    "grounds",
    "reply_text",
    "replied_on",
    "closed_on",
    "fee_method",
    "created_at",
    "updated_at",
]


TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as applications/services.py


def tracking_code(i: int) -> str:
    """A distinct code in the office's alphabet (no 0/O, 1/I), as services make them."""
    digits = []
    for _ in range(12):
        i, r = divmod(i, len(TRACKING_ALPHABET))
        digits.append(TRACKING_ALPHABET[r])
    return "".join(reversed(digits))


def application_rows(
    count: int, agency_ids: list[int], staff: list[int], seed: int = 1
) -> Iterator[tuple[Any, ...]]:
    """``count`` cases in APP_COLUMNS order; agency sizes follow 1/rank (the city government
    and a few big departments get most applications, as in the published reports). Open
    cases of the biggest agency are spread over ``staff`` (some left unassigned)."""
    rng = random.Random(seed)
    w = _weights()
    sizes = [1 / (rank + 1) for rank in range(len(agency_ids))]
    first, span = dt.date(YEARS[0], 1, 1), (TODAY - dt.date(YEARS[0], 1, 1)).days
    numbers: dict[tuple[int, int], int] = {}
    now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    for i in range(count):
        agency = rng.choices(agency_ids, weights=sizes)[0]
        received = first + dt.timedelta(days=rng.randrange(span))
        key = (agency, received.year)
        numbers[key] = numbers.get(key, 0) + 1
        closed = received + dt.timedelta(days=rng.randint(3, 70))
        is_open = closed > TODAY
        outcome = "" if is_open else rng.choices(*w["outcomes"])[0]
        status = rng.choice(OPEN_STATUSES) if is_open else "closed"
        due = received + dt.timedelta(days=28)
        kind = rng.choice(["reply", "reply", "reply", "correction_notice", "fee"])
        nxt = (received + dt.timedelta(days=rng.randint(7, 28))) if kind != "reply" else due
        holder = rng.choice([*staff, None]) if is_open and agency == agency_ids[0] else None
        yield (
            agency,
            f"A{agency:02d}-{received.year}-{numbers[key]:06d}",
            tracking_code(i),
            rng.choices(*w["types"])[0],
            "申请人",
            f"居民身份证 {320000000000000000 + i}",
            f"139{i:08d}",
            "",
            "",
            "所需政府信息的名称或特征描述",
            "电子文档",
            "电子邮件",
            rng.choices(*w["channels"])[0],
            received,
            None,
            received,
            status,
            "",
            None if status == "awaiting_correction" else due,
            due > LAST_NOTICE_DAY and status != "awaiting_correction",
            nxt if is_open else None,
            kind if is_open else "",
            is_open and nxt > LAST_NOTICE_DAY,
            f"{320000000000000000 + i}",
            f"139{i:08d}",
            holder,
            "",
            outcome,
            "",
            "",
            None if is_open else closed,
            None if is_open else closed,
            "",
            now,
            now,
        )


def _insert(table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> None:
    from django.db import connection, transaction

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    batch: list[tuple[Any, ...]] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)


def proceeding_rows(seed: int = 2) -> Iterator[tuple[Any, ...]]:
    """About one case in a hundred of those closed with a refusal is challenged."""
    from gongkai_web.applications.models import Application

    rng = random.Random(seed)
    closed = (
        Application.objects.filter(closed_on__isnull=False)
        .exclude(outcome="disclosed")
        .values_list("id", "closed_on")
        .iterator(chunk_size=20_000)
    )
    for app_id, closed_on in closed:
        if rng.random() >= 0.015:
            continue
        kind = rng.choices(["review", "suit_direct", "suit_after_review"], [70, 20, 10])[0]
        filed = closed_on + dt.timedelta(days=rng.randint(10, 60))
        decided = filed + dt.timedelta(days=rng.randint(30, 200))
        if decided > TODAY:
            yield app_id, kind, filed, "", "pending", None
        else:
            result = rng.choices(["upheld", "corrected", "other"], [70, 18, 12])[0]
            yield app_id, kind, filed, "", result, decided


def reuse(cases: int) -> dict[str, Any] | None:
    """What an earlier ``build(cases)`` made, when the database still holds exactly that
    (migrated to the current code and re-analysed); None when it must be built afresh."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from gongkai_web.accounts.models import Agency, Role
    from gongkai_web.applications.models import Application, Proceeding

    if "applications_application" not in connection.introspection.table_names():
        return None
    call_command("migrate", interactive=False, verbosity=0)
    if Application.objects.count() != cases or Agency.objects.count() != AGENCIES:
        return None
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    roles = (Role.HANDLER, Role.REVIEWER, Role.REGISTRAR, Role.ADMIN)
    people = {role: User.objects.get(username=str(role)) for role in roles}
    return {
        "agency": Agency.objects.get(short_code="A01"),
        "handler": people[Role.HANDLER],
        "people": people,
        "supervisor": User.objects.get(username="supervisor"),
        "seconds": time.perf_counter() - started,
        "cases": cases,
        "proceedings": Proceeding.objects.count(),
        "reused": True,
    }


def _empty_database() -> None:
    """Drop every table (a kept database of another size is built again from nothing)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        for table in connection.introspection.table_names():
            cursor.execute(f'DROP TABLE "{table}"')


def build(cases: int) -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from gongkai_web.accounts.models import Agency, Membership, Role
    from gongkai_web.applications.models import Application, Proceeding

    if connection.introspection.table_names():
        _empty_database()
    call_command("migrate", interactive=False, verbosity=0)
    agencies = [
        Agency.objects.create(
            name=f"示范市第{k + 1:02d}机关" if k else "示范市人民政府",
            short_code=f"A{k + 1:02d}",
            kind="government" if k == 0 else "department",
        )
        for k in range(AGENCIES)
    ]
    people = {}
    for role in (Role.HANDLER, Role.REVIEWER, Role.REGISTRAR, Role.ADMIN):
        people[role] = User.objects.create_user(str(role), first_name=f"{role.label}员")
        Membership.objects.create(user=people[role], agency=agencies[0], role=role)
    handler = people[Role.HANDLER]
    colleague = User.objects.create_user("handler2", first_name="另一承办员")
    Membership.objects.create(user=colleague, agency=agencies[0], role=Role.HANDLER)
    supervisor = User.objects.create_user("supervisor")
    Membership.objects.create(user=supervisor, agency=None, role=Role.SUPERVISOR)
    started = time.perf_counter()
    ids = [a.id for a in agencies]
    staff = [handler.pk, colleague.pk]
    _insert(Application._meta.db_table, APP_COLUMNS, application_rows(cases, ids, staff))
    columns = ["application_id", "kind", "filed_on", "body", "result", "decided_on"]
    # a list first: the rows are read from the table, and one connection cannot read during COPY
    _insert(Proceeding._meta.db_table, columns, iter(list(proceeding_rows())))
    with connection.cursor() as cursor:  # what autovacuum does to a table in operation
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "agency": agencies[0],
        "handler": handler,
        "people": people,
        "supervisor": supervisor,
        "seconds": time.perf_counter() - started,
        "cases": Application.objects.count(),
        "proceedings": Proceeding.objects.count(),
    }


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def page_times_ms(client: Any, url: str, requests: int) -> tuple[float, float]:
    """p50 and p95 of ``requests`` GETs of ``url`` (one untimed GET first)."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url}: HTTP {response.status_code}")
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def run_backend(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    from gongkai_web.annual.tables import table3, table4

    setup_test_environment()  # the test Client's response.context, no e-mail, testserver host
    db = settings.DATABASES["default"]
    name = "SQLite" if db["ENGINE"].endswith("sqlite3") else "PostgreSQL"
    print(f"\n== {name} ({db['NAME']})", flush=True)
    built = (reuse(args.cases) if args.reuse else None) or build(args.cases)
    print(
        f"{'reused' if built.get('reused') else 'built'} {built['cases']:,} cases over "
        f"{AGENCIES} agencies and {len(YEARS)} years, {built['proceedings']:,} reviews/suits, "
        f"in {built['seconds']:.1f} s"
        + (" (migrated and re-analysed)" if built.get("reused") else ""),
        flush=True,
    )
    one = [built["agency"].id]
    table_ok = True
    only = args.only
    for label, scope in (("one agency", one), ("all agencies", None)):
        if only is not None and only != "tables":
            break
        t3 = median_seconds(partial(table3, YEAR, scope), args.runs)
        t4 = median_seconds(partial(table4, YEAR, scope), args.runs)
        cells = table3(YEAR, scope)
        table_ok &= t3 + t4 < TABLES_TARGET_S
        print(
            f"tables 3+4, {YEAR}, {label:<12}: {t3 + t4:6.3f} s (table 3 {t3:.3f} s, "
            f"table 4 {t4:.3f} s; {cells['t3.new.total']:,} new)  median of {args.runs}  "
            f"target < {TABLES_TARGET_S:g} s {_mark(t3 + t4 < TABLES_TARGET_S)}",
            flush=True,
        )
    list_ok = measure_pages(args, built)
    export_ok = True if only not in (None, "export") else measure_export(args, built)
    return 0 if table_ok and list_ok and export_ok else 1


LIST_QUERIES = [
    "",
    "?open=on",
    "?sort=next_deadline",
    "?sort=-next_deadline",
    "?sort=received",
    "?sort=reg_no",
    "?status=in_review",
    "?applicant_type=legal",
    "?outcome=withheld.third_party",
    "?received_from=2025-03-01&received_to=2025-03-31",
    "?year=2024&sort=received",
    "?assignee=me&open=on",
    "?assignee=none&open=on&sort=next_deadline",
    "?clock=fee&sort=next_deadline",
    "?overdue=on",
    "?overdue=on&sort=next_deadline",
    "?provisional=on",
    "?q=320000000000000123",
    "?q=13900000456",
    f"?q={tracking_code(789)}",
]


def measure_pages(args: argparse.Namespace, built: dict[str, Any]) -> bool:
    """The case list with every filter and sort, and the dashboard for every role."""
    from django.test import Client
    from django.urls import reverse

    ok = True
    url = reverse("applications:list")
    cases = [(str(built["handler"]), built["handler"], url + q) for q in LIST_QUERIES]
    cases.append(("supervisor", built["supervisor"], url))
    cases.append(("supervisor", built["supervisor"], url + "?overdue=on"))
    home = reverse("home")
    cases += [(str(role), user, home) for role, user in built["people"].items()]
    cases.append(("supervisor", built["supervisor"], home))
    requests = args.requests
    if args.only is not None:
        cases = [c for c in cases if args.only in c[2] or args.only == c[0]]
    for who, user, page in cases:
        client = Client()
        client.force_login(user)
        p50, p95 = page_times_ms(client, page, requests)
        ok &= p95 < LIST_TARGET_MS
        print(
            f"GET {page:<50} as {who:<10}: p50 {p50:6.1f} ms, p95 {p95:6.1f} ms  "
            f"target p95 < {LIST_TARGET_MS:g} ms {_mark(p95 < LIST_TARGET_MS)}",
            flush=True,
        )
    return ok


def measure_export(args: argparse.Namespace, built: dict[str, Any]) -> bool:
    """Export the newest ``--export-cases`` cases as XLSX through the page."""
    import resource

    from django.test import Client
    from django.urls import reverse

    from gongkai_web.applications.models import Application

    n = args.export_cases
    ids = Application.objects.filter(agency=built["agency"]).order_by("-received", "-id")
    cut = ids.values_list("received", flat=True)[n - 1 : n].first()
    if cut is None:
        print(f"export: fewer than {n:,} cases in the biggest agency; skipped")
        return True
    client = Client()
    client.force_login(built["handler"])
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(
        reverse("applications:export"), {"format": "xlsx", "received_from": cut.isoformat()}
    )
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    rows = ids.filter(received__gte=cut).count()
    print(
        f"export {rows:,} cases as XLSX: {seconds:.1f} s, {size / 1e6:.1f} MB file, peak memory "
        f"+{grown:.0f} MB  target < {EXPORT_TARGET_S:g} s {_mark(seconds < EXPORT_TARGET_S)}",
        flush=True,
    )
    return seconds < EXPORT_TARGET_S


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--export-cases", type=int, default=100_000)
    parser.add_argument("--keep", metavar="DIR", help="keep the databases for the next run")
    parser.add_argument("--only", metavar="PATTERN", help="time only the pages matching this")
    parser.add_argument("--backend", help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.backend:
        return run_backend(args)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    return run_all(args)


if __name__ == "__main__":
    sys.exit(main())
