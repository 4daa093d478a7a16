"""Importing an existing catalogue: per-row errors naming row, column and reason; nothing
imported when a row is bad (or only the good rows with the flag); re-import updates by index
number and never duplicates; CSV (UTF-8 or GB18030) and XLSX."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from gongkai_web.catalogue.errors import CatalogueError, ImportRejected
from gongkai_web.catalogue.importer import import_catalogue
from gongkai_web.catalogue.models import Item, ItemStatus
from tests.web.conftest import Personas

HEAD = (
    "索引号,标题,文号,发布机构,成文日期,发布日期,主题分类,体裁,文件类别,有效性,废止日期,内容概述\n"
)
GOOD = [
    "OLD-2024-001,关于印发科技项目管理办法的通知,某科规〔2024〕1号,某市科学技术局,2024-03-01,2024-03-05,科技、教育,通知,规范性文件,有效,,办法全文",
    ",2024年部门预算公开,,某市科学技术局,2024年2月1日,2024/2/3,财政、金融、审计,报告,,,,",
]


def _csv(*rows: str, encoding: str = "utf-8-sig") -> bytes:
    return (HEAD + "\n".join(rows) + "\n").encode(encoding)


def test_it_imports_and_reimport_updates_without_duplicates(cat: Personas) -> None:
    result = import_catalogue(cat.agency_a, "old.csv", _csv(*GOOD), cat.admin)
    assert (result.created, result.updated) == (2, 0)
    first = Item.objects.get(index_no="OLD-2024-001")
    assert first.status == ItemStatus.PUBLISHED and first.doc_class == "normative"
    assert first.validity == "valid" and first.category.name == "科技、教育"
    second = Item.objects.get(title="2024年部门预算公开")
    assert second.index_no == "11320800MB1234567X-2024-00001"  # assigned by the scheme
    assert second.formed_on == dt.date(2024, 2, 1)
    changed = GOOD[0].replace("有效,,", "废止,2025-06-30,")
    again = import_catalogue(cat.agency_a, "old.csv", _csv(changed, GOOD[1]), cat.admin)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Item.objects.count() == 2
    first.refresh_from_db()
    assert first.validity == "repealed" and first.events.filter(kind="imported").count() == 2


def test_a_bad_row_names_row_column_reason_and_nothing_is_imported(cat: Personas) -> None:
    bad = [
        GOOD[0],
        ",没有日期的通知,,某市科学技术局,,2024-01-01,科技、教育,通知,,,,",
        ",分类不存在,,某市科学技术局,2024-01-01,2024-01-02,火星事务,通知,,,,",
        ",日期不存在,,某市科学技术局,2024-02-30,2024-03-01,科技、教育,通知,,,,",
        ",规范性文件无文号,,某市科学技术局,2024-01-01,2024-01-02,科技、教育,通知,规范性文件,,,",
    ]
    with pytest.raises(ImportRejected) as caught:
        import_catalogue(cat.agency_a, "bad.csv", _csv(*bad), cat.admin)
    problems = caught.value.problems
    assert [(row, col) for row, col, _ in problems] == [
        (3, "成文日期"),
        (4, "主题分类"),
        (5, "成文日期"),
        (6, "（整行）"),
    ]
    assert "不存在" in problems[2][2] and "文号" in problems[3][2]
    assert Item.objects.count() == 0
    result = import_catalogue(cat.agency_a, "bad.csv", _csv(*bad), cat.admin, good_rows_only=True)
    assert result.created == 1 and len(result.skipped) == 4


def test_gb18030_csv_and_xlsx(cat: Personas) -> None:
    assert import_catalogue(cat.agency_a, "gbk.csv", _csv(GOOD[1], encoding="gb18030")).created == 1
    book = Workbook()
    sheet = book.active
    sheet.append(["标题", "发文机关", "成文日期", "发布时间", "分类"])
    sheet.append(
        [
            "表格导入的通知",
            "某市科学技术局",
            dt.datetime(2025, 5, 6),
            dt.date(2025, 5, 7),
            "综合政务",
        ]
    )
    data = io.BytesIO()
    book.save(data)
    assert import_catalogue(cat.agency_a, "cms.xlsx", data.getvalue()).created == 1
    assert Item.objects.get(title="表格导入的通知").published_on == dt.date(2025, 5, 7)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.csv", "标题,文号\n甲,乙\n".encode(), "缺少必需的列"),
        ("x.pdf", b"%PDF", "不支持的文件类型"),
        ("x.xlsx", b"not a zip", "无法读取 XLSX"),
        ("x.csv", b"", "文件为空"),
        ("x.csv", b"\xff\xfe\x00\xd8" * 3, "编码"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(
    cat: Personas, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(CatalogueError, match=message):
        import_catalogue(cat.agency_a, name, data)


def test_an_index_number_of_another_agency_is_refused(cat: Personas) -> None:
    import_catalogue(cat.agency_a, "a.csv", _csv(GOOD[0]))
    row = GOOD[0].replace("科技、教育", "综合政务")
    with pytest.raises(ImportRejected, match="其他机关"):
        import_catalogue(cat.agency_b, "b.csv", _csv(row))
