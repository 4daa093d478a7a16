"""Production by default (issue 9): gunicorn with DEBUG off, a secret key of the office's
own, HTTPS settings that pass ``check --deploy``, Chinese error pages, login throttling, a
Content-Security-Policy."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from gongkai_web import serve
from gongkai_web.secret import secret_key
from tests.web.conftest import PASSWORD, Personas

VENV_BIN = Path(sys.executable).parent


def office_env(data: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    return env | {"GONGKAI_DATA": str(data), **more}


def test_the_secret_key_is_made_once_private_and_kept(tmp_path: Path) -> None:
    key = secret_key(tmp_path / "new")
    path = tmp_path / "new" / "secret_key"
    assert len(key) >= 50 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(tmp_path / "new") == key
    assert secret_key(tmp_path / "other") != key


def test_check_deploy_is_clean_in_production_over_https(tmp_path: Path) -> None:
    env = office_env(tmp_path, GONGKAI_HTTPS="1", GONGKAI_ALLOWED_HOSTS="gk.example.cn")
    done = subprocess.run(
        [sys.executable, "-m", "gongkai_web", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_gunicorn_is_the_server_with_several_workers() -> None:
    command = serve.gunicorn_command("0.0.0.0", 8080, 5)
    assert command[1:3] == ["-m", "gunicorn"] and "gongkai_web.wsgi:application" in command
    assert command[command.index("--workers") + 1] == "5"
    assert command[command.index("--bind") + 1] == "0.0.0.0:8080"
    assert 3 <= serve.default_workers() <= 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def test_serve_runs_gunicorn_with_debug_off_and_static_files(tmp_path: Path) -> None:
    (tmp_path / "pw").write_text("init-password-for-tests\n")
    env = office_env(tmp_path)
    founding = [str(VENV_BIN / "gongkai"), "init", "--agency", "某县人民政府", "--code", "MXZF"]
    founding += ["--admin", "chief", "--password-file", str(tmp_path / "pw")]
    subprocess.run(founding, env=env, check=True, capture_output=True, timeout=120)
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "gongkai"), "serve", "--no-demo", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, headers, page = get(f"{base}/public/apply/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200 and headers["Server"].startswith("gunicorn")
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        status, _, page = get(f"{base}/no/such/page/")
        assert status == 404 and "页面不存在" in page
        assert "URLconf" not in page and "urlpatterns" not in page  # no DEBUG page
        status, headers, css = get(f"{base}/static/gongkai.css")
        assert status == 200 and ".field.hp" in css
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode is not None


def test_serve_no_demo_on_an_empty_database_says_to_run_init(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(VENV_BIN / "gongkai"), "serve", "--no-demo", "--port", str(free_port())],
        env=office_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "gongkai init" in done.stderr


@pytest.mark.django_db
def test_error_pages_are_chinese_in_the_site_layout(personas: Personas, as_user: Any) -> None:
    page = Client().get("/no/such/page/").content.decode()
    assert "页面不存在" in page and "gongkai.css" in page
    outsider = as_user(personas.registrar)
    denied = outsider.post(reverse("applications:intake"))
    assert denied.status_code in (200, 302)  # a registrar may register: not a 403 case
    supervisor = as_user(personas.supervisor)
    denied = supervisor.get(reverse("applications:intake"))
    assert denied.status_code == 403
    assert (
        "没有权限" in denied.content.decode() and "您没有登记申请的权限" in denied.content.decode()
    )


def test_the_500_page_needs_no_database() -> None:
    # No django_db mark: pytest-django makes any database access here an error.
    page = render_to_string("500.html")
    assert "服务器内部错误" in page and "gongkai.css" in page


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_is_refused_in_chinese() -> None:
    client = Client(enforce_csrf_checks=True)
    refused = client.post(reverse("portal:status"), {"code": "ABC"})
    assert refused.status_code == 403 and "表单已失效" in refused.content.decode()


@pytest.mark.django_db
def test_login_is_locked_after_five_wrong_passwords(personas: Personas, client: Client) -> None:
    url = reverse("login")
    for _ in range(5):
        wrong = client.post(url, {"username": "handler_a", "password": "guess"})
        assert wrong.status_code in (200, 429)
    locked = client.post(url, {"username": "handler_a", "password": PASSWORD})
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode() and "15 分钟" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address (a colleague's machine) is not locked out of that name.
    other = client.post(
        url, {"username": "handler_a", "password": PASSWORD}, REMOTE_ADDR="198.51.100.20"
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_one_wrong_password_then_the_right_one_logs_in(personas: Personas, client: Client) -> None:
    client.post(reverse("login"), {"username": "handler_a", "password": "typo"})
    assert (
        client.post(reverse("login"), {"username": "handler_a", "password": PASSWORD}).status_code
        == 302
    )
    assert User.objects.get(username="handler_a").pk == int(client.session["_auth_user_id"])


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client: Client) -> None:
    policy = client.get(reverse("portal:apply"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_inline_script_or_style() -> None:
    """The Content-Security-Policy blocks them: scripts and styles belong in static files.
    (Templates rendered to PDF by WeasyPrint, never served, may carry a <style> block.)"""
    import re

    root = Path(serve.__file__).parent
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=\"|javascript:|\son[a-z]+=\"", re.IGNORECASE
    )
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.django_db
def test_a_database_busy_past_every_wait_is_a_503_in_chinese(
    personas: Personas, as_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    from gongkai_web.accounts import views

    def locked(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(views, "boards", locked)
    response = as_user(personas.handler).get(reverse("home"))
    assert response.status_code == 503 and "系统繁忙" in response.content.decode()


def test_serve_dev_runs_django_with_debug_on(tmp_path: Path) -> None:
    import signal

    (tmp_path / "pw").write_text("init-password-for-tests\n")
    env = office_env(tmp_path)
    founding = [str(VENV_BIN / "gongkai"), "init", "--agency", "某县人民政府", "--code", "MXZF"]
    founding += ["--admin", "chief", "--password-file", str(tmp_path / "pw")]
    subprocess.run(founding, env=env, check=True, capture_output=True, timeout=120)
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "gongkai"), "serve", "--dev", "--no-demo", "--port", str(port)],
        env=env | {"GONGKAI_LIBRARY_WORKERS": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the reloader's child goes with it
    )
    try:
        for _ in range(150):
            try:
                status, headers, page = get(f"http://127.0.0.1:{port}/no/such/page/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 404 and "URLconf" in page  # Django's debug page: DEBUG is on
        assert not headers.get("Server", "").startswith("gunicorn")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
