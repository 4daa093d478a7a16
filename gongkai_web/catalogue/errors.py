"""Errors of proactive disclosure. Messages are Chinese: they are shown as they are."""

from gongkai.errors import GongkaiError


class CatalogueError(GongkaiError):
    """A step the item's state, the agency's settings or the law does not allow."""


class ImportRejected(CatalogueError):
    """An import file with bad rows; ``problems`` names each (row, column, reason)."""

    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        self.problems = problems
        lines = [f"第 {row} 行“{col}”：{why}" for row, col, why in problems[:20]]
        more = f"……另有 {len(problems) - 20} 处" if len(problems) > 20 else ""
        super().__init__("导入文件有误，未导入任何条目：\n" + "\n".join(lines) + more)
