"""What every form of the office does to what people type (issue 9).

``CleanInputMixin`` goes first in every form's bases. Before the fields are validated it
removes control characters from every submitted text value (C0/C1 controls except tab and
line breaks, the byte-order mark, bidirectional overrides): pasted from a PDF or sent by a
script, they would otherwise break letters (Word refuses them) and hide text on screen.
Every date field gets sane bounds — not before the form's ``earliest_date`` (1 October 1949
by default: a document may be old; 1 May 2008, when the 条例 took effect, for a case's dates)
and not far in the future — and every integer field an upper bound, each with a Chinese
message, so no date or number the database or the calendar cannot hold reaches them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

# C0 and C1 controls but \t \n \r; U+FEFF; bidi embeddings, overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069]")
EARLIEST = dt.date(1949, 10, 1)
CASE_EARLIEST = dt.date(2008, 5, 1)  # the 条例 took effect: no application came before
FUTURE_YEARS = 5  # deadlines and planned dates: a few years ahead at most
LARGEST_INTEGER = 2**31 - 1  # fits every integer column on SQLite and PostgreSQL


def without_controls(text: str) -> str:
    return CONTROL.sub("", text)


def _too_early(earliest: dt.date) -> str:
    if earliest == CASE_EARLIEST:
        return "日期不能早于 2008 年 5 月 1 日（《政府信息公开条例》施行之日），请检查年份"
    return f"日期不能早于 {earliest:%Y 年 %-m 月 %-d 日}，请检查年份"


def _latest() -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year + FUTURE_YEARS, day=min(today.day, 28))


class CleanInputMixin:
    """Control characters out; dates and integers within bounds. Put it first in the bases."""

    earliest_date = EARLIEST

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.DateField):
                early = MinValueValidator(self.earliest_date, _too_early(self.earliest_date))
                field.validators.append(early)
                field.validators.append(
                    MaxValueValidator(_latest, f"日期不能晚于 {FUTURE_YEARS} 年以后，请检查年份")
                )
            elif isinstance(field, forms.IntegerField) and field.max_value is None:
                field.max_value = LARGEST_INTEGER
                field.validators.append(
                    MaxValueValidator(LARGEST_INTEGER, f"数值不能超过 {LARGEST_INTEGER}")
                )

    def full_clean(self) -> None:
        if self.is_bound and hasattr(self.data, "lists"):
            data = self.data.copy()  # a QueryDict: copies are mutable
            for key, values in list(data.lists()):
                data.setlist(
                    key, [without_controls(v) if isinstance(v, str) else v for v in values]
                )
            self.data = data
        elif self.is_bound and isinstance(self.data, dict):
            self.data = {
                k: without_controls(v) if isinstance(v, str) else v for k, v in self.data.items()
            }
        super().full_clean()  # type: ignore[misc]
