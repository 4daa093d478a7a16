"""``annual_report export --agency CODE --year YEAR --format docx|pdf|html|json --out FILE``:
an agency's report on a year as a file — its current published version, else its draft
(drafted from the records if there is none yet). ``annual_report summary --agency CODE``:
the region's summary the same way. Unknown agency or year: a Chinese message, exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.errors import GongkaiError
from gongkai_web.accounts.models import Agency
from gongkai_web.annual import drafting, exports, supervision
from gongkai_web.annual.checks import current_version
from gongkai_web.annual.models import AnnualReport


class Command(BaseCommand):
    help = "导出年度报告（docx、pdf、html、json）：已公开的现行版本，否则为草稿"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("export", "导出一个机关的年度报告"), ("summary", "导出区域汇总报告")):
            p = sub.add_parser(name, help=text)
            p.add_argument("--agency", required=True, help="机关简称代码，如 SZF")
            p.add_argument("--year", required=True, help="报告年度，如 2025")
            p.add_argument("--format", default="json", help="docx、pdf、html 或 json")
            p.add_argument("--out", required=True, help="输出文件")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = self._export(options)
            out = Path(options["out"])
            out.write_bytes(data)
        except (GongkaiError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已导出：{out}（{len(data)} 字节）")

    def _export(self, options: dict[str, Any]) -> bytes:
        code = options["agency"]
        agency = Agency.objects.filter(short_code=code).first()
        if agency is None:
            raise CommandError(f"没有简称代码为“{code}”的机关")
        try:
            year = int(options["year"])
        except ValueError:
            raise CommandError(f"年度“{options['year']}”不是数字") from None
        fmt = exports.parse_format(options["format"])
        drafting.check_year(year)
        if options["action"] == "summary":
            summary = supervision.summary(agency, year)
            return exports.render(summary.form(), fmt, summary=True)
        report = AnnualReport.objects.filter(agency=agency, year=year).first()
        version = current_version(report) if report else None
        if version is not None:
            return exports.render(exports.of_version(version), fmt, version=version.number)
        report = report or drafting.get_or_create(agency, year)
        return exports.render(exports.of_draft(report), fmt, version=None)
