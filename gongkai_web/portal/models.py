"""Counters of the public pages' rate limits, kept in the database so that every server
process counts the same submissions (a per-process cache would not)."""

from __future__ import annotations

from django.db import models


class RateCount(models.Model):
    """How many times ``key`` (a limit and who) was used in one fixed time window."""

    key = models.CharField("限制项", max_length=200)
    window = models.BigIntegerField("时间窗口")
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "频率限制计数"
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="one_count_per_key_window")
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.count}"
