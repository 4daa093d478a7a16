#!/usr/bin/env python3
"""The report library at a province's scale: import and process N generated reports with
the default install (SQLite, the django-tasks database queue, one worker per core), then
time the region overview page.

    bench/library.py [--files N] [--pdf-share S] [--workers W] [--cities C] [--keep DIR]

The reports are made as in bench/audit.py (copies of the sample reports, each titled for
an agency of its own, two consecutive years per agency, a share of PDFs); the agencies are
spread over C cities under one province. Printed: import time, processing wall time and
throughput (files per second), failures, and the overview page's p50/p95 over 30
requests for a city and a few for the whole province, then the other pages a supervisor
opens every day (the report list with filters, one report, the compare page, a city's
exports).

With ``--keep DIR`` a second run on the same DIR migrates the library already there (so
new indexes and tables apply) and times only the pages: no import, no processing.
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from audit import make_folder

from gongkai.audit.batch import available_cores


def _django(data: Path) -> None:
    os.environ["GONGKAI_DATA"] = str(data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai_web.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _region(files: int, cities: int) -> tuple[Any, list[Any]]:
    from gongkai_web.accounts.models import Agency, AgencyKind

    province = Agency.objects.create(
        name="样例省人民政府", short_code="P", kind=AgencyKind.GOVERNMENT
    )
    city_list = [
        Agency(
            name=f"样例第{c:03d}市人民政府",
            short_code=f"C{c}",
            kind=AgencyKind.GOVERNMENT,
            parent=province,
        )
        for c in range(cities)
    ]
    Agency.objects.bulk_create(city_list)
    city_list = list(Agency.objects.filter(parent=province).order_by("short_code"))
    Agency.objects.bulk_create(
        Agency(
            name=f"样例{pair:04d}市科学技术局",
            short_code=f"A{pair}",
            parent=city_list[pair % cities],
        )
        for pair in range((files + 1) // 2)
    )
    return province, city_list


def _process(folder: Path, workers: int, total: int) -> tuple[float, float]:
    env = {**os.environ}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "gongkai_web", "library_import", str(folder)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    imported = time.perf_counter() - started
    command = [
        sys.executable,
        "-m",
        "gongkai_web",
        "db_worker",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--verbosity",
        "0",
    ]
    procs = [subprocess.Popen(command, env=env) for _ in range(workers)]
    for p in procs:
        p.wait()
    return imported, time.perf_counter() - started - imported


def _client(region: Any = None) -> Any:
    """A supervisor of every agency, or of ``region`` (its whole subtree)."""
    from django.contrib.auth.models import User
    from django.test import Client

    from gongkai_web.accounts.models import Membership, Role

    name = "bench-supervisor" if region is None else f"bench-supervisor-{region.pk}"
    user, new = User.objects.get_or_create(username=name)
    if new:
        Membership.objects.create(user=user, role=Role.SUPERVISOR, agency=region)
    client = Client()
    client.force_login(user)
    return client


def _page_times(url: str, times: int, region: Any = None) -> list[float]:
    client = _client(region)
    seconds = []
    for _ in range(times):
        start = time.perf_counter()
        response = client.get(url)
        # An export may stream: read it all, as a browser would.
        chunks = response.streaming_content if response.streaming else [response.content]
        size = sum(len(chunk) for chunk in chunks)
        seconds.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        assert size > 0, url
    return seconds


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _show(label: str, url: str, times: int, region: Any = None) -> None:
    seconds = _page_times(url, times, region)
    print(f"{label}：p50 {_p(seconds, 0.5):.0f} ms，p95 {_p(seconds, 0.95):.0f} ms（{times} 次）")


def _build(args: argparse.Namespace, folder: Path, data: Path) -> None:
    kinds = make_folder(args.corpus, folder, args.files, args.pdf_share)
    for n, pdf in enumerate(sorted(folder.glob("*.pdf"))):  # distinct bytes: no deduplication
        with pdf.open("ab") as out:
            out.write(f"\n% copy {n}\n".encode())
    print(f"文件：{args.files} 份（{dict(kinds)}），{args.cities} 个市，{args.workers} 个处理进程")
    _django(data)
    _region(args.files, args.cities)
    imported, processed = _process(folder, args.workers, args.files)
    from gongkai_web.library.models import Report, Status

    done = Report.objects.filter(status=Status.DONE).count()
    failed = Report.objects.filter(status=Status.FAILED).count()
    print(
        f"收入（哈希、存储、排队）：{imported:.1f} 秒；处理：{processed:.1f} 秒，"
        f"{args.files / processed:.1f} 份/秒；成功 {done}，失败 {failed}"
    )
    hours = 10_000 / (args.files / processed) / 3600
    print(f"按此速度 10,000 份约需 {hours:.2f} 小时")


def _pages() -> None:
    from django.db.models import Count

    from gongkai_web.accounts.models import Agency
    from gongkai_web.library.models import Report

    province = Agency.objects.get(short_code="P", parent__isnull=True)
    city = Agency.objects.filter(parent=province).order_by("short_code").first()
    assert city is not None
    in_city = Agency.objects.filter(parent=city).count() + 1
    agencies = Agency.objects.count()
    reports = Report.objects.count()
    print(f"年报库：{reports} 份年报，{agencies} 个机关")
    _show(
        f"概览页（一个市，{in_city} 个机关）", f"/library/overview/?region={city.pk}&year=2024", 30
    )
    _show(
        f"概览页（全省，{agencies} 个机关）",
        f"/library/overview/?region={province.pk}&year=2024",
        20,
    )
    _show(
        "概览页（全省，按名称搜索）",
        f"/library/overview/?region={province.pk}&year=2024&q=0042",
        10,
    )
    _show(
        "概览页（全省，由省级监督人员查看）",
        f"/library/overview/?region={province.pk}&year=2024",
        20,
        province,
    )
    _show("年报列表（省级监督人员）", "/library/reports/?year=2024", 20, province)
    _show("区域汇总表（一个市）", f"/library/overview/sums/?region={city.pk}&year=2024", 10)
    _show("年报列表", "/library/reports/", 20)
    _show(
        "年报列表（年度、隐藏失败与待确认）",
        "/library/reports/?year=2024&hide_failed=1&hide_unconfirmed=1",
        20,
    )
    _show("年报列表（按名称搜索）", "/library/reports/?q=0042", 20)
    _show("年报列表（第 100 页）", "/library/reports/?page=100", 10)
    pair = (
        Report.objects.filter(year=2024, agency__isnull=False)
        .values("agency_id")
        .annotate(n=Count("id"))
        .filter(n__gte=1)
        .order_by("agency_id")
        .first()
    )
    assert pair is not None
    latest = Report.objects.filter(year=2024, agency_id=pair["agency_id"]).first()
    assert latest is not None
    _show("一份年报", f"/library/reports/{latest.pk}/", 20)
    if Report.objects.filter(year=2023, agency_id=latest.agency_id).exists():
        _show("与上一年度比较", f"/library/reports/{latest.pk}/compare/", 20)
    for fmt in ("csv", "xlsx", "docx", "pdf"):
        _show(
            f"导出（一个市，{fmt}）",
            f"/library/overview/export.{fmt}?region={city.pk}&year=2024",
            3,
        )
    for fmt in ("csv", "xlsx", "docx", "pdf"):  # a province's: once each (the PDF takes ~30 s)
        _show(
            f"导出（全省，{fmt}）",
            f"/library/overview/export.{fmt}?region={province.pk}&year=2024",
            1,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the report library at scale")
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--pdf-share", type=float, default=0.03)
    parser.add_argument("--workers", type=int, default=available_cores())
    parser.add_argument("--cities", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=_venv.CORPUS)
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR")
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="gongkai-library-bench-"))
    folder, data = base / "reports", base / "data"
    if (data / "gongkai.sqlite3").exists():
        print(f"沿用 {base} 中已有的年报库（先迁移，不再收入和处理）")
        _django(data)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        data.mkdir(parents=True, exist_ok=True)
        _build(args, folder, data)
    _pages()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
