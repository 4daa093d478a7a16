"""Table 3 (收到和处理政府信息公开申请情况): rows aligned to the form's row order.

Extraction breaks this table worst: labels one character per line, labels torn from
their numbers, rows split into fragments. So rows are placed in two steps:
1. anchors: data rows whose label names exactly one form row, kept only where they
   follow the form's order (a label in the row itself outweighs loose text before it);
2. gaps: data rows between two anchors that carry no usable label are placed in order,
   but only when their number equals the number of form rows the gap leaves open.
Anything else stays unplaced and is reported; no row is ever guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise, product
from math import prod

from gongkai.catalogue.forms import T3_COLUMNS, Template, t3_row_ids
from gongkai.mapping.found import Found
from gongkai.mapping.labels import t3_row_named
from gongkai.mapping.resolve import fit_row, numbers, split_candidates
from gongkai.mapping.tokens import Item, Token

_SUB_ROWS_2021 = {"other.no_correction", "other.no_fee", "other.other"}
STRONG, WEAK = 3, 1


@dataclass(slots=True)
class Candidate:
    item: Item
    row: str | None
    weight: int  # STRONG: named by its own label; WEAK: by loose text before it; 0: unnamed


def data_candidates(items: list[Item]) -> list[Candidate]:
    """The data rows of the table, each with the row its label names, if any."""
    out: list[Candidate] = []
    loose = ""
    items = [part for item in items for part in _rows_run_together(item)]
    for i, item in enumerate(items):
        if not _is_data_row(item) or _torn(items, i):
            loose += item.label + "".join(t.text for t in item.values)
            continue
        strong = t3_row_named(item.label)
        if strong is not None:
            out.append(Candidate(item, strong, STRONG))
        else:
            weak = t3_row_named(loose + item.label)
            out.append(Candidate(item, weak, WEAK if weak else 0))
        loose = ""
    return out


def _rows_run_together(item: Item) -> list[Item]:
    """Values of several rows printed after one label (an extraction that printed the
    table's numbers in reading order and the labels elsewhere): split into rows of seven
    when every seven add up along the row (identity 3); the rows after the first have
    no label of their own. Otherwise the item as it is."""
    width = len(T3_COLUMNS)
    values = item.values
    if len(values) < 2 * width or len(values) % width:
        return [item]
    chunks = [values[i : i + width] for i in range(0, len(values), width)]
    if not all(_row_adds_up(chunk) for chunk in chunks):
        return [item]
    first = Item(label=item.label, values=chunks[0], where=item.where, delimited=item.delimited)
    rest = [
        Item(label="", values=c, where=c[0].where, delimited=item.delimited) for c in chunks[1:]
    ]
    return [first, *rest]


def _torn(items: list[Item], i: int) -> bool:
    """A row printed all blank beside a row of values without a label of their own
    (before or after it): one row torn in two by the extraction or a page break, not a
    row left blank."""
    if not items[i].is_blank_row:
        return False
    before = next((it for it in reversed(items[:i]) if it.is_data or it.is_blank_row), None)
    after = next((it for it in items[i + 1 :] if it.is_data or it.is_blank_row), None)
    return any(
        it is not None and it.is_data and t3_row_named(it.label) is None for it in (before, after)
    )


def _is_data_row(item: Item) -> bool:
    if item.is_blank_row:
        # A row printed with every cell blank: only where its own label names it.
        return len(item.values) >= len(T3_COLUMNS) and t3_row_named(item.label) is not None
    if not item.is_data:
        return False
    if len(item.values) >= 6 or (t3_row_named(item.label) is not None and item.delimited):
        return True
    digits = sum(len(t.text) for t in item.values if t.run)
    return digits >= 7


def row_order(candidates: list[Candidate], template: Template) -> tuple[str, ...]:
    """The form's rows, with the 其他处理 variant the report itself prints."""
    named = {c.row for c in candidates if c.row}
    if named & _SUB_ROWS_2021:
        return t3_row_ids(template, single_other=False)
    if "other" in named:
        return t3_row_ids(template, single_other=True)
    return t3_row_ids(template)


def place_rows(candidates: list[Candidate], order: tuple[str, ...], found: Found) -> dict[int, str]:
    """Candidate index → row id, by anchors and exactly-fitting gaps."""
    index = {row: i for i, row in enumerate(order)}
    labelled = [(i, index[c.row], c.weight) for i, c in enumerate(candidates) if c.row in index]
    anchors = _heaviest_increasing(labelled)
    placed = {i: order[pos] for i, pos in anchors}
    dropped = {i for i, _, _ in labelled} - set(placed)
    for i in sorted(dropped):
        row = candidates[i].row
        found.warn("row_out_of_order", f"表三“{row}”一行的位置与表格行序不符，未记录")
    bounds = [(-1, -1), *anchors, (len(candidates), len(order))]
    for (i0, p0), (i1, p1) in pairwise(bounds):
        gap_items = list(range(i0 + 1, i1))
        gap_rows = list(range(p0 + 1, p1))
        if not gap_items:
            continue
        if len(gap_items) == len(gap_rows) and not dropped & set(gap_items):
            placed.update({i: order[p] for i, p in zip(gap_items, gap_rows, strict=True)})
        else:
            found.warn(
                "rows_unplaced",
                f"表三有 {len(gap_items)} 行数字无法确定所属行（缺少行名，空位 {len(gap_rows)} 行）",
                tuple(f"t3.{order[p]}" for p in gap_rows),
            )
    return placed


def _heaviest_increasing(labelled: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The heaviest subsequence whose form positions strictly increase (ties: earliest)."""
    n = len(labelled)
    best = [w for _, _, w in labelled]
    back = [-1] * n
    for j in range(n):
        for i in range(j):
            if labelled[i][1] < labelled[j][1] and best[i] + labelled[j][2] > best[j]:
                best[j] = best[i] + labelled[j][2]
                back[j] = i
    if not labelled:
        return []
    j = max(range(n), key=lambda k: (best[k], -k))
    chain: list[tuple[int, int]] = []
    while j >= 0:
        chain.append((labelled[j][0], labelled[j][1]))
        j = back[j]
    return chain[::-1]


def _row_adds_up(tokens: list[Token]) -> bool:
    """Form identity 3: a row's 总计 is the sum of the six applicant columns."""
    v = numbers(tokens)
    return v is not None and abs(sum(v[:6]) - v[6]) < 1e-9


def map_table3(items: list[Item], template: Template, found: Found) -> None:
    candidates = data_candidates(items)
    if not candidates:
        return
    order = row_order(candidates, template)
    placed = place_rows(candidates, order, found)
    rows = {row: candidates[i].item for i, row in placed.items()}
    for row, item in _settle_runs(rows, order).items():
        cell_ids = [f"t3.{row}.{c.id}" for c in T3_COLUMNS]
        fit_row(item, cell_ids, found, check=_row_adds_up)


# Joint choices beyond this many combinations are left to the per-row warning.
_MAX_COMBINATIONS = 4096


def _settle_runs(rows: dict[str, Item], order: tuple[str, ...]) -> dict[str, Item]:
    """Rows whose run-together digits split several ways that each add up along the row
    are settled by the column identities (1 and 2 of cells.md), when exactly one choice
    across those rows satisfies them. Unsettled rows stay as printed (fit_row warns)."""
    width = len(T3_COLUMNS)
    options: dict[str, list[list[Token]]] = {}
    fixed: dict[str, list[float]] = {}
    settled = dict(rows)
    for row, item in rows.items():
        splits = split_candidates(item, width, _row_adds_up)
        if splits is not None and len(splits) > 1:
            options[row] = splits
            continue
        if splits is not None and len(splits) == 1:
            settled[row] = Item(label=item.label, values=splits[0], where=item.where)
        chosen = splits[0] if splits else item.values
        v = numbers(chosen) if len(chosen) == width else None
        if v is not None:
            fixed[row] = v
    if not options or prod(len(o) for o in options.values()) > _MAX_COMBINATIONS:
        return settled
    keys = list(options)
    winners = [
        combo
        for combo in product(*(options[k] for k in keys))
        if _columns_balance(
            {**fixed, **{k: numbers(c) or [] for k, c in zip(keys, combo, strict=True)}}, order
        )
    ]
    if len(winners) != 1:
        return settled
    for key, tokens in zip(keys, winners[0], strict=True):
        settled[key] = Item(label=rows[key].label, values=tokens, where=rows[key].where)
    return settled


def _columns_balance(values: dict[str, list[float]], order: tuple[str, ...]) -> bool:
    """Identities 1 and 2 on every column where all their rows are known; False when
    neither can be checked."""
    results = [r for r in order if r not in {"new", "carried_in", "results_total", "carried_out"}]
    checked = False
    for c in range(len(T3_COLUMNS)):
        if all(r in values for r in [*results, "results_total"]):
            checked = True
            if abs(sum(values[r][c] for r in results) - values["results_total"][c]) > 1e-9:
                return False
        if all(r in values for r in ("new", "carried_in", "results_total", "carried_out")):
            checked = True
            income = values["new"][c] + values["carried_in"][c]
            if abs(income - values["results_total"][c] - values["carried_out"][c]) > 1e-9:
                return False
    return checked
