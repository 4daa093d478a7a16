"""From ruling lines to the cells of tables: pure geometry, shared by the text layer and OCR.

The stages follow pdfplumber's table finder (``merge_edges``, ``edges_to_intersections``,
``intersections_to_cells``, ``cells_to_tables``), which the reader used before it read
PDFs with PDFium: rules that nearly line up are snapped onto one line and joined where
they touch, each crossing of a horizontal and a vertical rule is a corner, a cell is the
smallest rectangle of corners whose four sides are drawn, and cells that share a corner
make one table. Indexing corners by line keeps it fast on long tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Point = tuple[float, float]  # x, y

# Rules this close (points) are one line; pieces of one line this close are joined; a
# rule shorter than this is a mark, not a rule; a rule ending this close to another
# still meets it.
SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
MEET = 3.0


class Edge(NamedTuple):
    """A straight rule: horizontal at y = ``pos`` from x ``start`` to ``end``, or
    vertical at x = ``pos`` from ``start`` (top) to ``end`` (bottom). Points, y down."""

    horizontal: bool
    pos: float
    start: float
    end: float


def tables_of(edges: Iterable[Edge]) -> list[list[Box]]:
    """The cells of each table the rules make, tables top to bottom; a lone cell (a
    framed box) is not a table."""
    merged = merge_edges(edges)
    corners = intersections(merged)
    tables = cells_to_tables(intersections_to_cells(corners))
    return sorted((t for t in tables if len(t) > 1), key=lambda t: min(c[1] for c in t))


def merge_edges(edges: Iterable[Edge]) -> list[Edge]:
    """Snap nearly collinear rules onto their mean line, join touching pieces, drop marks."""
    out: list[Edge] = []
    for horizontal in (True, False):
        group = sorted((e for e in edges if e.horizontal == horizontal), key=lambda e: e.pos)
        for cluster in _clusters(group):
            pos = sum(e.pos for e in cluster) / len(cluster)
            out += [e for e in _join(cluster, horizontal, pos) if e.end - e.start >= MIN_LENGTH]
    return out


def _clusters(edges: Sequence[Edge]) -> Iterable[list[Edge]]:
    cluster: list[Edge] = []
    for e in edges:
        if cluster and e.pos - cluster[-1].pos > SNAP:
            yield cluster
            cluster = []
        cluster.append(e)
    if cluster:
        yield cluster


def _join(cluster: Iterable[Edge], horizontal: bool, pos: float) -> list[Edge]:
    joined: list[Edge] = []
    for e in sorted(cluster, key=lambda e: e.start):
        if joined and e.start <= joined[-1].end + JOIN:
            last = joined[-1]
            joined[-1] = last._replace(end=max(last.end, e.end))
        else:
            joined.append(Edge(horizontal, pos, e.start, e.end))
    return joined


Corners = dict[Point, tuple[set[int], set[int]]]  # point -> (horizontal, vertical) edge ids
Link = Callable[[Point, Point], bool]


def intersections(edges: Sequence[Edge]) -> Corners:
    """Each point where a vertical rule meets a horizontal one, with the rules through it."""
    hs = [(i, e) for i, e in enumerate(edges) if e.horizontal]
    vs = [(i, e) for i, e in enumerate(edges) if not e.horizontal]
    corners: Corners = {}
    for vi, v in vs:
        for hi, h in hs:
            if h.start - MEET <= v.pos <= h.end + MEET and v.start - MEET <= h.pos <= v.end + MEET:
                through = corners.setdefault((v.pos, h.pos), (set(), set()))
                through[0].add(hi)
                through[1].add(vi)
    return corners


def intersections_to_cells(corners: Corners) -> list[Box]:
    """For each corner, the smallest cell it is the top-left of whose sides are all drawn."""
    by_x: dict[float, list[float]] = defaultdict(list)
    by_y: dict[float, list[float]] = defaultdict(list)
    for x, y in corners:
        by_x[x].append(y)
        by_y[y].append(x)
    for values in (*by_x.values(), *by_y.values()):
        values.sort()

    def joined(a: Point, b: Point) -> bool:
        side = 1 if a[0] == b[0] else 0  # same x: joined by a vertical rule
        return bool(corners[a][side] & corners[b][side])

    cells: list[Box] = []
    for x, y in corners:
        cell = _smallest_cell((x, y), by_x[x], by_y[y], corners, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    top_left: Point,
    column: list[float],
    row: list[float],
    corners: Corners,
    link: Link,
) -> Box | None:
    x, y = top_left
    for below_y in column[column.index(y) + 1 :]:
        below = (x, below_y)
        if not link(top_left, below):
            continue
        for right_x in row[row.index(x) + 1 :]:
            right = (right_x, y)
            if not link(top_left, right):
                continue
            corner = (right_x, below_y)
            if corner in corners and link(corner, right) and link(corner, below):
                return (x, y, right_x, below_y)
    return None


def cells_to_tables(cells: Sequence[Box]) -> list[list[Box]]:
    """Cells grouped into tables: cells sharing a corner belong to one table."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)):
            j = owner.setdefault(corner, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[find(i)].append(cell)
    return list(groups.values())
