"""``gongkai init``: found an office — its first agency and the administrator who runs it.

Asks for each value (the password twice, not echoed), or takes them all from the command
line (``--agency NAME --code CODE --admin LOGIN --password-file F | --password-env VAR``)
for scripted installs. Every value is checked with a Chinese message; nothing is created
unless all are good, and then all in one transaction.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CODE = re.compile(r"[A-Z][A-Z0-9]{0,19}")
LOGIN = re.compile(r"[\w.@+-]{1,150}")


class FoundingError(Exception):
    """A value that cannot found the office; the message says which and why (Chinese)."""


@dataclass(frozen=True)
class Founding:
    agency: str
    code: str
    admin: str
    name: str
    password: str
    supervisor: bool = False


def check_agency(value: str) -> str:
    value = " ".join(value.split())
    if not value or len(value) > 100:
        raise FoundingError("机关名称不能为空，最长 100 个字")
    return value


def check_code(value: str) -> str:
    value = value.strip().upper()
    if not CODE.fullmatch(value):
        raise FoundingError("简称代码应为 1 至 20 位大写字母或数字，以字母开头，如 SZFB")
    return value


def check_login(value: str) -> str:
    value = value.strip()
    if not LOGIN.fullmatch(value):
        raise FoundingError("登录名应为 1 至 150 位字母、数字或 . @ + - _")
    return value


def check_password(value: str, login: str) -> str:
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    if len(value) < 10:
        raise FoundingError("密码至少 10 位")
    try:
        validate_password(value, User(username=login))
    except ValidationError as exc:
        raise FoundingError("密码不合格：" + "；".join(exc.messages)) from None
    return value


def _password_from(args: argparse.Namespace) -> str:
    if args.password_file:
        try:
            lines = Path(args.password_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise FoundingError(f"无法读取密码文件 {args.password_file}：{exc}") from None
        return lines[0] if lines else ""
    if args.password_env:
        value = os.environ.get(args.password_env)
        if value is None:
            raise FoundingError(f"环境变量 {args.password_env} 未设置")
        return value
    raise FoundingError("请用 --password-file 或 --password-env 给出管理员密码")


def from_arguments(args: argparse.Namespace) -> Founding:
    missing = [f"--{n}" for n in ("agency", "code", "admin") if not getattr(args, n)]
    if missing:
        raise FoundingError("缺少参数：" + "、".join(missing))
    login = check_login(args.admin)
    return Founding(
        agency=check_agency(args.agency),
        code=check_code(args.code),
        admin=login,
        name=" ".join(args.name.split()),
        password=check_password(_password_from(args), login),
        supervisor=args.supervisor,
    )


def _ask(prompt: str, check: Callable[[str], str], read: Callable[[str], str] = input) -> str:
    while True:
        try:
            return check(read(prompt))
        except FoundingError as exc:
            print(f"  {exc}", file=sys.stderr)


def interactively() -> Founding:
    print("建立办公室：创建第一个机关及其管理员（Ctrl+C 取消）")
    agency = _ask("机关名称：", check_agency)
    code = _ask("简称代码（用于登记编号，如 SZFB）：", check_code)
    login = _ask("管理员登录名：", check_login)
    name = input("管理员姓名：").strip()
    while True:
        password = _ask("密码（至少 10 位）：", lambda v: check_password(v, login), getpass.getpass)
        if getpass.getpass("再输一次密码：") == password:
            break
        print("  两次输入的密码不一致", file=sys.stderr)
    return Founding(agency, code, login, name, password)


def found(f: Founding) -> None:
    """Create the agency and its administrator in one transaction; FoundingError if taken."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from gongkai_web.accounts.models import Agency, Membership, Role

    if Agency.objects.filter(name=f.agency).exists():
        raise FoundingError(f"机关“{f.agency}”已经存在")
    if Agency.objects.filter(short_code=f.code).exists():
        raise FoundingError(f"简称代码 {f.code} 已被其他机关使用")
    if User.objects.filter(username=f.admin).exists():
        raise FoundingError(f"登录名 {f.admin} 已经存在")
    with transaction.atomic():
        agency = Agency.objects.create(name=f.agency, short_code=f.code)
        # The person who founds the installation also looks after it in /admin/.
        user = User.objects.create_superuser(f.admin, password=f.password, first_name=f.name)
        Membership.objects.create(user=user, agency=agency, role=Role.ADMIN)
        if f.supervisor:
            Membership.objects.create(user=user, agency=None, role=Role.SUPERVISOR)


def main(args: argparse.Namespace) -> int:
    """``gongkai init``: 0 founded, 1 refused (a value taken or bad), 2 nothing to go on."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    scripted = any((args.agency, args.code, args.admin))
    if not scripted and not sys.stdin.isatty():
        print(
            "gongkai init：没有终端可以询问；请给出 --agency --code --admin 和 "
            "--password-file 或 --password-env",
            file=sys.stderr,
        )
        return 2
    try:
        founding = from_arguments(args) if scripted else interactively()
        found(founding)
    except FoundingError as exc:
        print(f"gongkai init：{exc}", file=sys.stderr)
        return 1
    print(f"已建立：机关“{founding.agency}”（{founding.code}），管理员 {founding.admin}。")
    print("现在可以启动：gongkai serve --no-demo，用这个登录名登录后在“本机关设置”中补全信息。")
    return 0
