"""One error hierarchy for the core. Messages are in Chinese: they reach users."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base of every error the core raises on purpose."""


class UnreadableFile(GongkaiError):
    """A file could not be read as an annual report.

    ``reason`` is one line in Chinese naming the problem; ``path`` is the file as given.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OutsideCalendar(GongkaiError):
    """A date falls in a year whose holiday notice is not in the calendar.

    Working days there are unknown (调休 cannot be derived from weekdays), so nothing is
    guessed: the caller must add that year's notice first.
    """

    def __init__(self, day: object, known: tuple[int, int] | None) -> None:
        span = f"{known[0]}—{known[1]} 年" if known else "（无）"
        late_december = getattr(day, "month", 0) == 12 and getattr(day, "day", 0) >= 29
        why = "（12月29日至31日是否调休由下一年的放假安排决定）" if late_december else ""
        super().__init__(
            f"{day} 不在工作日历范围内{why}：已录入的国务院节假日安排为 {span}；"
            "请先用 `gongkai calendar add` 添加该年的放假安排"
        )
        self.day = day
        self.known = known


class CalendarDataError(GongkaiError):
    """A year's holiday-notice file is malformed or fails a sanity check.

    ``problems`` lists every problem found, each one line in Chinese.
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "；".join(problems))
        self.source = source
        self.problems = problems


class DeadlineInputError(GongkaiError):
    """The facts given for a deadline contradict each other (e.g. answered before sent)."""


class FeeInputError(GongkaiError):
    """A count given to a 信息处理费 calculation is impossible: negative, or above the
    documented bound (``gongkai.fees.MAX_ITEMS``, ``MAX_PAGES``)."""


class RenderError(GongkaiError):
    """A report cannot be rendered as asked (a legacy year, a cell the form does not have,
    or a missing PDF engine). The message names the problem in Chinese."""
