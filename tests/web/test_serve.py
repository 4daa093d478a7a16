"""``gongkai serve``: the core stays free of Django until the command runs; prepare() brings
an empty database to a working demo office."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from gongkai.cli import main
from gongkai_web import serve
from gongkai_web.applications import demo
from gongkai_web.applications.models import Application


def test_importing_the_cli_does_not_import_django() -> None:
    code = "import sys, gongkai.cli; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_serve_has_host_port_and_no_demo_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out and "--no-demo" in out


@pytest.fixture
def small_demo(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> Path:
    settings.STATIC_ROOT = tmp_path / "static"
    real = demo.seed
    monkeypatch.setattr(
        demo, "seed", lambda count, seed, today: real(60, seed, dt.date(2026, 11, 20))
    )
    return Path(settings.STATIC_ROOT)


@pytest.mark.django_db
def test_prepare_seeds_an_empty_database_once_and_collects_static(
    small_demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve.prepare(demo=True) is True
    assert "supervisor" in capsys.readouterr().out  # the logins are printed
    assert Application.objects.count() == 60
    assert (small_demo / "admin").is_dir()  # collectstatic ran
    assert serve.prepare(demo=True) is False  # not empty any more: left as it is
    assert Application.objects.count() == 60


@pytest.mark.django_db
def test_prepare_without_demo_leaves_the_database_empty(small_demo: Path) -> None:
    assert serve.prepare(demo=False) is False
    assert not User.objects.exists()
