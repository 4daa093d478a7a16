"""The one list of rules."""

from __future__ import annotations

import re

from gongkai.audit.findings import Severity
from gongkai.audit.registry import RULES, rule

# Ids are a contract (JSON output, stored findings): changing one is a breaking change.
STABLE_IDS = {
    "t3.balance", "t3.results_sum", "t3.row_total", "t4.group_total", "cells.negative",
    "t2.rules_by_department", "t2.unpublished", "t2.total_below_published", "t2.money_unit",
    "text.applications", "text.all_concluded", "text.reviews", "text.documents",
    "text.proactive", "text.fees", "structure.sections", "structure.numbering",
    "year.carry_over", "year.in_force", "year.prev_items", "year.copied_text",
    "info.blank_cells", "info.missing_cells", "info.unit_converted", "info.reader_notes",
}  # fmt: skip
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_every_rule_has_a_unique_stable_id_a_chinese_title_and_what_it_enforces() -> None:
    assert [r.id for r in RULES] == list(dict.fromkeys(r.id for r in RULES))
    assert {r.id for r in RULES} == STABLE_IDS
    for r in RULES:
        assert _CHINESE.search(r.title) and _CHINESE.search(r.enforces), r.id
        assert (r.check is None) != (r.compare is None), r.id


def test_identities_are_errors_notes_are_info_and_the_rest_warnings() -> None:
    for r in RULES:
        if r.id in {
            "t3.balance",
            "t3.results_sum",
            "t3.row_total",
            "t4.group_total",
            "cells.negative",
        }:
            assert r.severity is Severity.ERROR
        elif r.id.startswith("info."):
            assert r.severity is Severity.INFO
        else:
            assert r.severity is Severity.WARNING, r.id
    assert rule("t3.balance").severity is Severity.ERROR
