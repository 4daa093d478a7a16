"""An agency's own wording of a letter paragraph, replacing the default (texts.py)."""

from __future__ import annotations

from django.db import models

from gongkai_web.accounts.models import Agency


class Wording(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="letter_wordings", verbose_name="机关"
    )
    key = models.CharField("段落", max_length=60)
    text = models.TextField("文字")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书措辞"
        constraints = [
            models.UniqueConstraint(fields=["agency", "key"], name="one_wording_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.key}"
