"""``gongkai serve`` and ``gongkai init``: the disclosure office (``gongkai_web``).

The arguments are parsed here; the work is done by ``gongkai_web.serve`` and
``gongkai_web.accounts.founding``, imported only when the command runs, so importing the core
never imports Django.
"""

from __future__ import annotations

import argparse
from typing import Any

COMMANDS = ("serve", "init")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"端口应为 1 至 65535 的整数：{text}")
    return value


def add_parsers(commands: Any) -> None:
    """Add ``serve`` and ``init`` to the CLI's sub-command parsers."""
    serve = commands.add_parser(
        "serve",
        help="启动政府信息公开办理平台（gunicorn；迁移数据库；空库时创建演示数据）",
    )
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=_port, default=8000, help="端口（默认 8000，1—65535）")
    serve.add_argument(
        "--no-demo", action="store_true", help="空库时不创建演示数据（须先运行 gongkai init）"
    )
    serve.add_argument(
        "--dev", action="store_true", help="开发模式：Django 自带服务器，改代码自动重启，DEBUG 打开"
    )
    serve.add_argument(
        "--workers", type=int, default=None, help="gunicorn 工作进程数（默认 CPU 核数×2+1，最多 8）"
    )
    init = commands.add_parser(
        "init", help="建立办公室：创建第一个机关及其管理员（不带参数时逐项询问）"
    )
    init.add_argument("--agency", help="机关名称，如 某市人民政府办公室")
    init.add_argument("--code", help="机关简称代码（用于登记编号），如 SZFB")
    init.add_argument("--admin", help="管理员登录名")
    init.add_argument("--name", default="", help="管理员姓名")
    password = init.add_mutually_exclusive_group()
    password.add_argument("--password-file", help="从文件第一行读取管理员密码")
    password.add_argument("--password-env", help="从这个环境变量读取管理员密码")
    init.add_argument(
        "--supervisor", action="store_true", help="同时给管理员监督（只读）全部机关的岗位"
    )


def run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from gongkai_web import serve

        status: int = serve.run(
            host=args.host,
            port=args.port,
            demo=not args.no_demo,
            dev=args.dev,
            workers=args.workers,
        )
        return status
    from gongkai_web.accounts import founding

    code: int = founding.main(args)
    return code
