"""``gongkai init``: the first agency and administrator, every value checked in Chinese."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from gongkai.cli import build_parser
from gongkai_web.accounts import founding
from gongkai_web.accounts.models import Agency, Membership, Role


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["init", *argv])


@pytest.mark.django_db
def test_init_founds_the_agency_and_its_administrator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GK_PW", "a-long-enough-secret-7")
    args = parse(
        "--agency",
        " 某县 人民政府 ",
        "--code",
        "mxzf",
        "--admin",
        "li",
        "--name",
        "李四",
        "--password-env",
        "GK_PW",
    )
    founding.found(founding.from_arguments(args))
    agency = Agency.objects.get()
    assert (agency.name, agency.short_code) == ("某县 人民政府", "MXZF")
    admin = User.objects.get(username="li")
    assert admin.check_password("a-long-enough-secret-7") and admin.first_name == "李四"
    assert Membership.objects.get(user=admin).role == Role.ADMIN
    with pytest.raises(founding.FoundingError, match="已经存在"):
        founding.found(founding.from_arguments(args))


@pytest.mark.parametrize(
    "argv,message",
    [
        (
            ["--agency", "某局", "--code", "1X", "--admin", "a", "--password-env", "GK_PW"],
            "简称代码",
        ),
        (
            ["--agency", "某局", "--code", "MJ", "--admin", "a b", "--password-env", "GK_PW"],
            "登录名",
        ),
        (
            ["--agency", "某局", "--code", "MJ", "--admin", "ab"],
            "--password-file 或 --password-env",
        ),
        (["--agency", "某局", "--code", "MJ", "--admin", "ab", "--password-env", "NOPE"], "未设置"),
        (["--agency", "某局", "--admin", "ab", "--password-env", "GK_PW"], "缺少参数：--code"),
        (
            [
                "--agency",
                "某局",
                "--code",
                "MJ",
                "--admin",
                "ab",
                "--password-file",
                "/nonexistent",
            ],
            "无法读取密码文件",
        ),
    ],
)
@pytest.mark.django_db
def test_bad_values_are_refused_with_what_is_wrong(
    argv: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GK_PW", "a-long-enough-secret-7")
    monkeypatch.delenv("NOPE", raising=False)
    with pytest.raises(founding.FoundingError, match=message):
        founding.from_arguments(parse(*argv))


@pytest.mark.django_db
def test_a_weak_password_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GK_PW", "12345678901")
    with pytest.raises(founding.FoundingError, match="密码不合格"):
        founding.from_arguments(
            parse("--agency", "某局", "--code", "MJ", "--admin", "ab", "--password-env", "GK_PW")
        )
