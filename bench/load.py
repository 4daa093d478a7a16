#!/usr/bin/env python3
"""Concurrent submissions against the real server: nothing lost, nothing twice, never a 500.

    bench/load.py [--clients 20] [--per-client 8] [--staff 5] [--backends sqlite,postgres]
                  [--rate 100] [--time-limit 300]

For each database (SQLite in a fresh temporary folder; PostgreSQL in a database
``gongkai_load`` made for the run and dropped after it, through $GONGKAI_BENCH_POSTGRES_URL,
default postgres://gongkai:gongkai@localhost:5432/ — the role scripts/test-postgres makes)
the office is founded with ``gongkai init`` and served by ``gongkai serve`` (gunicorn, the
production server) on a free loopback port. Then, all at once:
  public  ``--clients`` minus ``--staff`` people, all from 127.0.0.1, each opening the
          online form (CSRF cookie, fill-time token), waiting the form's minimum fill time
          and submitting ``--per-client`` applications, each with its own identity
          document; the per-address limit is ``--rate`` an hour, so the rest are refused (429).
  staff   ``--staff`` logged-in registrars, each registering ``--per-client`` applications
          at the counter (the same per-agency-and-year numbering as the public form) and
          assigning each one (a handling step).
Printed per database: requests, accepted, refused (429), 5xx, other answers, lost (accepted
but not in the database), duplicated (in the database twice, or not answered as accepted),
the registration numbers' gaps, and the wall time. Targets: 0 5xx, 0 lost, 0 duplicated,
public accepted exactly min(rate, submitted). Bounded: every request times out after 60 s and
the whole run stops after ``--time-limit`` seconds.
"""

from __future__ import annotations

import _venv

_venv.use_project_venv()

import argparse
import html
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = _venv.REPO
GONGKAI = REPO / ".venv" / "bin" / "gongkai"
PYTHON = REPO / ".venv" / "bin" / "python"
PASSWORD = "load-bench-password-42"
MIN_FILL = 1.0  # seconds the server wants between showing the form and its submission


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    answers: Counter[str] = field(default_factory=Counter)
    accepted: list[tuple[str, str, str]] = field(default_factory=list)  # who, reg_no, code
    samples: list[str] = field(default_factory=list)

    def note(self, kind: str, sample: str = "") -> None:
        with self.lock:
            self.answers[kind] += 1
            if sample and len(self.samples) < 5:
                self.samples.append(sample[:200])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def opener() -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def fetch(
    op: urllib.request.OpenerDirector, url: str, data: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """(status, body, Location) of one request; 3xx and 4xx/5xx are answers, not errors."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    try:
        with op.open(request, timeout=60) as r:
            return r.status, r.read().decode("utf-8", "replace"), r.headers.get("Location", "")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), e.headers.get("Location", "")


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else ""


def applicant(who: str, n: int) -> dict[str, str]:
    return {
        "applicant_type": "natural",
        "applicant_name": f"压测{who}-{n}",
        "id_document": f"证件 LOAD-{who}-{n}",
        "phone": "010-12345678",
        "description": "本机关2025年度政府信息公开工作年度报告的统计数据来源",
        "form_wanted": "电子文档",
        "delivery": "电子邮件",
    }


def public_client(base: str, who: str, count: int, agency: str, tally: Tally) -> None:
    op = opener()
    _, page, _ = fetch(op, f"{base}/public/apply/")
    time.sleep(MIN_FILL + 0.2)  # a person reads and types
    for n in range(count):
        data = applicant(who, n) | {
            "agency": agency,
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "started": hidden(page, "started"),
            "website": "",
        }
        status, body, location = fetch(op, f"{base}/public/apply/", data)
        if status == 302 and location.endswith("/public/apply/done/"):
            _, done, _ = fetch(op, f"{base}/public/apply/done/")
            reg = re.search(r'id="reg-no">([^<]+)<', done)
            code = re.search(r'id="tracking-code">([^<]+)<', done)
            if reg and code:
                with tally.lock:
                    tally.accepted.append((f"{who}-{n}", reg.group(1), code.group(1)))
                tally.note("accepted")
            else:
                tally.note("other", "done page without a number")
        elif status == 429:
            tally.note("refused")
        elif status >= 500:
            tally.note("5xx", f"{status} {body[:150]}")
        else:
            tally.note("other", f"{status} {re.findall(r'<li>([^<]+)</li>', body)[:2]}")


def staff_client(base: str, who: str, count: int, agency: str, tally: Tally) -> None:
    op = opener()
    _, page, _ = fetch(op, f"{base}/login/")
    login = {"username": who, "password": PASSWORD}
    status, _, _ = fetch(
        op, f"{base}/login/", login | {"csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken")}
    )
    if status != 302:
        tally.note("other", f"login {who}: {status}")
        return
    _, form, _ = fetch(op, f"{base}/cases/new/")
    token = hidden(form, "csrfmiddlewaretoken")
    today = time.strftime("%Y-%m-%d")
    for n in range(count):
        data = applicant(who, n) | {
            "agency": agency,
            "channel": "in_person",
            "arrived": today,
            "csrfmiddlewaretoken": token,
        }
        status, body, location = fetch(op, f"{base}/cases/new/", data)
        if status >= 500:
            tally.note("5xx", f"{status} {body[:150]}")
            continue
        found = re.search(r"/cases/(\d+)/$", location)
        if status != 302 or not found:
            tally.note("other", f"intake {status} {re.findall(r'<li>([^<]+)</li>', body)[:2]}")
            continue
        _, detail, _ = fetch(op, f"{base}{location}")
        reg = re.search(r"已登记：([^，]+)，查询码 (\w+)", detail)
        if not reg:
            tally.note("other", "case page without the number")
            continue
        with tally.lock:
            tally.accepted.append((f"{who}-{n}", reg.group(1), reg.group(2)))
        tally.note("accepted")
        step = {"on": today, "handler": "", "csrfmiddlewaretoken": token}
        _, assign_page, _ = fetch(op, f"{base}{location}")
        handler = re.search(r'<option value="(\d+)">' + re.escape(who) + "<", assign_page)
        step["handler"] = handler.group(1) if handler else ""
        status, body, _ = fetch(op, f"{base}{location}steps/assign/", step)
        tally.note("5xx" if status >= 500 else "step", f"{status} {body[:150]}" * (status >= 500))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    return False


SETUP = """
import django, json, sys
django.setup()
from django.contrib.auth.models import User
from gongkai_web.accounts.models import Agency, Membership, Role
agency = Agency.objects.get()
for name in sys.argv[2:]:
    user = User.objects.create_user(name, password=sys.argv[1], first_name=name)
    Membership.objects.create(user=user, agency=agency, role=Role.ADMIN)
print(agency.pk)
"""

CHECK = """
import django, json
django.setup()
from gongkai_web.applications.models import Application
print(json.dumps(list(Application.objects.values_list("reg_no", "tracking_code",
                                                       "applicant_name", "status"))))
"""


def python(env: dict[str, str], code: str, *args: str) -> str:
    done = subprocess.run(
        [str(PYTHON), "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise SystemExit(f"load: 准备失败：{done.stderr[-500:]}")
    return done.stdout


def run_one(backend: str, args: argparse.Namespace, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="gongkai-load-") as tmp:
        env = os.environ | {
            "GONGKAI_DATA": tmp,
            "DJANGO_SETTINGS_MODULE": "gongkai_web.settings",
            "GONGKAI_PUBLIC_FORM_RATE": str(args.rate),
            "GONGKAI_PUBLIC_FORM_MIN_SECONDS": str(MIN_FILL),
        }
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        Path(tmp, "pw").write_text(PASSWORD + "\n")
        init = [str(GONGKAI), "init", "--agency", "压测市人民政府办公室", "--code", "YCB"]
        init += ["--admin", "founder", "--password-file", str(Path(tmp, "pw"))]
        subprocess.run(init, env=env, check=True, capture_output=True, timeout=180)
        staff = [f"staff{i}" for i in range(args.staff)]
        agency = python(env, SETUP, PASSWORD, *staff).strip()
        port = free_port()
        server = subprocess.Popen(
            [str(GONGKAI), "serve", "--no-demo", "--port", str(port), "--workers", "4"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            if not wait_for(f"{base}/public/apply/", 60):
                print(f"{backend}: 服务器未能启动")
                return
            tally = Tally()
            threads = [
                threading.Thread(
                    target=staff_client, args=(base, who, args.per_client, agency, tally)
                )
                for who in staff
            ] + [
                threading.Thread(
                    target=public_client, args=(base, f"p{i}", args.per_client, agency, tally)
                )
                for i in range(args.clients - args.staff)
            ]
            started = time.monotonic()
            for t in threads:
                t.daemon = True
                t.start()
            for t in threads:
                t.join(max(0.0, args.time_limit - (time.monotonic() - started)))
            wall = time.monotonic() - started
            stuck = sum(t.is_alive() for t in threads)
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        report(backend, args, tally, json.loads(python(env, CHECK)), wall, stuck)


def report(
    backend: str,
    args: argparse.Namespace,
    tally: Tally,
    rows: list[list[str]],
    wall: float,
    stuck: int,
) -> None:
    in_db = Counter((r[0], r[1]) for r in rows)
    answered = Counter((reg, code) for _, reg, code in tally.accepted)
    lost = sum(1 for key in answered if key not in in_db)
    duplicated = sum(n - 1 for n in in_db.values() if n > 1)
    duplicated += sum(n - 1 for n in answered.values() if n > 1)
    duplicated += sum(1 for key in in_db if key not in answered)  # saved, yet not answered
    numbers = sorted(int(r[0].rsplit("-", 1)[1]) for r in rows)
    gaps = len(set(range(1, len(numbers) + 1)) - set(numbers))
    public_sent = (args.clients - args.staff) * args.per_client
    public_ok = sum(1 for who, _, _ in tally.accepted if who.startswith("p"))
    a = tally.answers
    print(
        f"{backend}: {args.clients} 个并发客户端（{args.staff} 个工作人员），"
        f"{sum(a.values()) - a['step']} 次提交 + {a['step']} 次办理步骤，用时 {wall:.1f} 秒"
    )
    print(
        f"  accepted {a['accepted']}  refused(429) {a['refused']}  5xx {a['5xx']}  "
        f"other {a['other']}  lost {lost}  duplicated {duplicated}  gaps {gaps}  "
        f"stuck {stuck}"
    )
    print(
        f"  网上申请：提交 {public_sent}，受理 {public_ok}（每地址每小时上限 {args.rate}，"
        f"应为 {min(args.rate, public_sent)}）；数据库中共 {len(rows)} 件"
    )
    for sample in tally.samples:
        print(f"  例：{sample}")


def postgres_database(name: str) -> str | None:
    base = os.environ.get(
        "GONGKAI_BENCH_POSTGRES_URL", "postgres://gongkai:gongkai@localhost:5432/"
    ).rstrip("/")
    try:
        import psycopg

        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=5) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    except Exception as exc:  # any failure to get a server is reported, not raised
        print(f"postgres: 无法使用 PostgreSQL（{base}）：{str(exc).strip()[:200]}")
        return None
    return f"{base}/{name}"


def drop_postgres(name: str) -> None:
    import psycopg

    base = os.environ.get(
        "GONGKAI_BENCH_POSTGRES_URL", "postgres://gongkai:gongkai@localhost:5432/"
    ).rstrip("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="并发提交压测（真实 gunicorn 服务器）")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--per-client", type=int, default=8)
    parser.add_argument("--staff", type=int, default=5)
    parser.add_argument("--rate", type=int, default=100, help="每地址每小时网上申请上限")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--time-limit", type=float, default=300)
    args = parser.parse_args(argv)
    if not 0 <= args.staff <= args.clients <= 200 or not 1 <= args.per_client <= 100:
        parser.error("客户端数 1–200，工作人员不多于客户端，每客户端 1–100 次")
    for backend in args.backends.split(","):
        if backend == "sqlite":
            run_one("sqlite", args, None)
        elif backend == "postgres":
            url = postgres_database("gongkai_load")
            if url:
                try:
                    run_one("postgres", args, url)
                finally:
                    drop_postgres("gongkai_load")
        else:
            parser.error(f"未知数据库：{backend}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
