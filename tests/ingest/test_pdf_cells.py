"""From ruling lines to table cells: snapping, joining, corners, cells, tables."""

from __future__ import annotations

from gongkai.ingest.pdf.cells import Edge, intersections, merge_edges, tables_of


def h(y: float, x0: float, x1: float) -> Edge:
    return Edge(True, y, x0, x1)


def v(x: float, top: float, bottom: float) -> Edge:
    return Edge(False, x, top, bottom)


def grid(xs: list[float], ys: list[float]) -> list[Edge]:
    return [h(y, xs[0], xs[-1]) for y in ys] + [v(x, ys[0], ys[-1]) for x in xs]


def test_rules_a_point_apart_snap_onto_one_line_and_touching_pieces_join() -> None:
    merged = merge_edges([h(100, 0, 50), h(101, 51, 100), h(200, 0, 2)])
    assert merged == [h(100.5, 0, 100)]  # the 2-point mark is dropped


def test_a_two_by_three_grid_gives_six_cells_in_one_table() -> None:
    tables = tables_of(grid([0, 50, 100, 150], [0, 20, 40]))
    assert len(tables) == 1
    assert sorted(tables[0]) == [
        (0, 0, 50, 20), (0, 20, 50, 40), (50, 0, 100, 20),
        (50, 20, 100, 40), (100, 0, 150, 20), (100, 20, 150, 40),
    ]  # fmt: skip


def test_a_merged_cell_is_one_cell() -> None:
    edges = grid([0, 50, 100], [0, 20, 40])
    edges = [e for e in edges if e != v(50, 0, 40)] + [v(50, 20, 40)]  # top row spans
    cells = sorted(tables_of(edges)[0])
    assert (0, 0, 100, 20) in cells
    assert len(cells) == 3


def test_a_framed_box_is_not_a_table_and_two_grids_apart_are_two_tables() -> None:
    assert tables_of(grid([0, 100], [0, 20])) == []
    two = tables_of(grid([0, 50, 100], [0, 20]) + grid([0, 50, 100], [300, 320]))
    assert [min(c[1] for c in t) for t in two] == [0, 300]


def test_a_rule_that_stops_short_of_the_frame_still_meets_it() -> None:
    corners = intersections([h(0, 0, 100), v(50, 1.5, 40)])
    assert list(corners) == [(50, 0)]
