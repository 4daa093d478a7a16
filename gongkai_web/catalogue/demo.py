"""The demo catalogue: two years of published items for each demo agency (policies with
interpretations, normative documents some repealed, rules), items still in review (some due
soon, some overdue), register counts and mailbox letters — so table 2 of the demo years is
real. Published history goes through the bulk publication service (``importer.bulk_publish``,
one event and one audit entry per item); the items in review, repeals and answers through the
ordinary services, step by step."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from gongkai_web.accounts.models import Agency
from gongkai_web.catalogue import mailbox, registers, services
from gongkai_web.catalogue.demo_data import (
    ANSWERS,
    BODY,
    COMMON,
    DOC_PREFIX,
    ITEMS,
    LETTERS,
    NORMATIVE,
    NORMATIVE_TOPICS,
    NUMBER_PREFIX,
    RULE_TITLES,
)
from gongkai_web.catalogue.errors import CatalogueError
from gongkai_web.catalogue.importer import bulk_publish
from gongkai_web.catalogue.models import Category, Item

PLACES = ("东湖", "清河", "北关", "西苑", "南湖", "新城", "老城", "滨江", "梅园", "桃李")
PER_YEAR = {"SZF": 420, "ZRJ": 380, "ZJJ": 330, "GAJ": 260}


def _workday(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    day = start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return max(day, start)


def _staff(code: str) -> dict[str, Any]:
    c = code.lower()
    names = {r: f"{c}-{r}" for r in ("handler", "reviewer", "admin", "registrar")}
    return {r: User.objects.get(username=u) for r, u in names.items()}


class _Agency:
    """One agency's two years, told in order."""

    def __init__(self, rng: random.Random, agency: Agency, today: dt.date) -> None:
        self.rng, self.agency, self.today = rng, agency, today
        self.code = agency.short_code
        self.cats = {c.code: c for c in Category.objects.filter(agency=agency)}
        self.staff = _staff(self.code)
        self.counts: Counter[str] = Counter()
        self.seq = 0

    def _item(self, formed: dt.date, cat: str, genre: str, title: str, **extra: Any) -> Item:
        self.seq += 1
        lag = self.rng.choice((1, 2, 3, 5, 7, 10, 14))
        published = min(formed + dt.timedelta(days=lag), self.today)
        topic = self.cats[cat].name
        return Item(
            title=title,
            issuing_body=self.agency.name,
            formed_on=formed,
            published_on=published,
            category=self.cats[cat],
            genre=genre,
            summary=extra.pop("summary", title),
            body=BODY.format(what="通知" if genre == "notice" else "公布", topic=topic),
            channels=self.rng.choice(
                (["website"], ["website", "wechat"], ["website", "wechat", "weibo"])
            ),
            **extra,
        )

    def ordinary(self, year: int, until: dt.date) -> list[Item]:
        start = dt.date(year, 1, 1)
        share = (until - start).days / 365
        items: list[Item] = []
        seen: set[str] = set()
        for _ in range(int(PER_YEAR[self.code] * share)):
            for _attempt in range(8):  # a list of the same title twice looks made up
                cat, genre, pattern = self.rng.choice(ITEMS[self.code] + COMMON)
                formed = _workday(self.rng, start, until)
                title = pattern.format(
                    y=year,
                    n=self.rng.randint(1, 120),
                    place=self.rng.choice(PLACES),
                    m=formed.month,
                )
                if title not in seen:
                    break
            else:
                continue
            seen.add(title)
            doc_no = ""
            if genre in ("notice", "opinion", "reply", "decision") and "〔" not in title:
                doc_no = f"{NUMBER_PREFIX[self.code]}〔{year}〕{self.rng.randint(1, 200)}号"
            items.append(self._item(formed, cat, genre, title, doc_no=doc_no))
        return items

    def documents(self, year: int, until: dt.date) -> list[Item]:
        """Normative documents (and the government's rules) made in ``year``."""
        made = []
        count = self.rng.randint(4, 8) if self.code == "SZF" else self.rng.randint(2, 5)
        for n in range(1, count + 1):
            genre, pattern = self.rng.choice(NORMATIVE[self.code])
            topic = self.rng.choice(NORMATIVE_TOPICS)
            formed = _workday(self.rng, dt.date(year, 1, 1), until)
            made.append(
                self._item(
                    formed,
                    "art20.02",
                    genre,
                    pattern.format(topic=topic),
                    doc_no=f"{DOC_PREFIX[self.code]}〔{year}〕{n}号",
                    doc_class="normative",
                    validity="valid",
                    effective_on=formed + dt.timedelta(days=30),
                )
            )
        if self.code == "SZF":
            title = RULE_TITLES[year % len(RULE_TITLES)]
            formed = _workday(self.rng, dt.date(year, 3, 1), min(until, dt.date(year, 6, 30)))
            made.append(
                self._item(
                    formed,
                    "art20.02",
                    "measures",
                    title,
                    doc_no=f"示范市人民政府令第{year - 2000}号",
                    doc_class="rule",
                    validity="valid",
                )
            )
        return made

    def interpretations(self, policies: list[Item]) -> list[Item]:
        found = []
        for policy in policies:
            if self.rng.random() < 0.7:
                formed = min(policy.formed_on + dt.timedelta(days=3), self.today)
                found.append(
                    self._item(
                        formed,
                        policy.category.code,
                        "interpretation",
                        f"《{policy.title}》政策解读",
                        interprets=policy,
                        summary=f"一图读懂《{policy.title}》",
                    )
                )
        return found

    def repeal(self, old: list[Item], new: list[Item]) -> None:
        """About a quarter of the older documents are repealed by a newer one."""
        for doc in old:
            if self.rng.random() < 0.25 and new:
                by = self.rng.choice(new)
                if by.formed_on >= doc.formed_on and by.formed_on <= self.today:
                    services.set_validity(doc, self.staff["admin"], "repealed", by.formed_on, by=by)
                    self.counts["repealed"] += 1

    def in_review(self) -> None:
        """Items on their way: drafts and items in review, formed recently or weeks ago."""
        s = self.staff
        for n, age in enumerate((2, 6, 12, 18, 22, 26, 35, 40)):
            formed = self.today - dt.timedelta(days=age)
            while formed.weekday() >= 5:
                formed -= dt.timedelta(days=1)
            cat, genre, pattern = self.rng.choice(ITEMS[self.code])
            title = pattern.format(
                y=formed.year,
                n=self.rng.randint(61, 99),
                place=self.rng.choice(PLACES),
                m=formed.month,
            )
            data = {
                "title": title,
                "issuing_body": self.agency.name,
                "formed_on": formed,
                "category": self.cats[cat],
                "genre": genre,
                "summary": title,
                "body": BODY.format(what="通知", topic=self.cats[cat].name),
            }
            item = services.create_item(self.agency, data, s["handler"])
            stage = n % 4
            if stage >= 1:
                services.submit(item, s["handler"])
            if stage >= 2:
                services.clear_confidentiality(item, s["reviewer"], "经审查不涉及国家秘密")
            if stage == 3:
                services.sign(item, s["reviewer"], self.today, "同意")
            if age == 26:
                services.send_back(item, s["reviewer"], "请补充政策依据和联系方式")
            self.counts["in_review"] += 1

    def registers(self, years: list[int]) -> None:
        a, who = self.agency, self.staff["registrar"]
        base = {"SZF": 40, "ZRJ": 260, "ZJJ": 320, "GAJ": 900}[self.code]
        for year in [years[0] - 1, *years]:
            for kind in ("license", "penalty", "coercion", "fee"):
                registers.record_matters(a, kind, year, base // 10 + self.rng.randint(-3, 3), who)
        for year in years:
            last = 12 if year < self.today.year else self.today.month - 1
            months = range(1, last + 1)
            rng = self.rng
            registers.record_year(
                a, "license", year, {m: base + rng.randint(-20, 20) for m in months}, who
            )
            registers.record_year(
                a, "penalty", year, {m: base // 8 + rng.randint(0, 9) for m in months}, who
            )
            registers.record_year(a, "coercion", year, {m: rng.randint(0, 3) for m in months}, who)
            if self.code in ("ZRJ", "ZJJ"):
                fees = {m: f"{rng.randint(5, 90)}.{rng.randint(0, 99):02d}" for m in months}
                registers.record_year(a, "fee", year, fees, who)
            registers.record_procurement(
                a, year, self.rng.randint(3, 30), f"{self.rng.randint(50, 2000)}.5", who
            )

    def letters(self) -> None:
        for n in range(24):
            kind, subject, body = self.rng.choice(LETTERS)
            place = self.rng.choice(PLACES)
            at = dt.datetime.combine(
                self.today - dt.timedelta(days=3 + n * 13), dt.time(10, 0), dt.UTC
            )
            letter = mailbox.receive(
                self.agency,
                {
                    "kind": kind,
                    "name": "王先生" if n % 2 else "李女士",
                    "contact": f"1380000{n:04d}",
                    "subject": subject.format(place=place),
                    "body": body.format(place=place),
                },
                at=at,
            )
            if n > 1:
                mailbox.answer(
                    letter,
                    self.staff["registrar"],
                    self.rng.choice(ANSWERS),
                    publish=n % 3 != 0,
                    at=at + dt.timedelta(days=4),
                )


@transaction.atomic
def seed(
    agencies: dict[str, Agency], seed: int = 2025, today: dt.date | None = None
) -> Counter[str]:
    """The demo catalogue for ``agencies`` (the demo office's, by short code)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    rng = random.Random(seed)
    years = [today.year - 1, today.year]
    counts: Counter[str] = Counter()
    for agency in agencies.values():
        services.ensure_categories(agency)
        story = _Agency(rng, agency, today)
        documents: dict[int, list[Item]] = {}
        for year in years:
            until = today - dt.timedelta(days=1) if year == today.year else dt.date(year, 12, 31)
            docs = bulk_publish(agency, story.documents(year, until), None, "演示数据")
            documents[year] = docs
            policies = [d for d in docs if d.doc_class == "normative"]
            bulk_publish(agency, story.interpretations(policies), None, "演示数据")
            counts["published"] += len(
                bulk_publish(agency, story.ordinary(year, until), None, "演示数据")
            )
            counts["documents"] += len(docs)
        story.repeal(documents[years[0]], documents[years[1]])
        try:
            story.in_review()
        except CatalogueError as exc:  # a plan the rules refuse is a bug in this module
            raise CatalogueError(f"演示数据（{agency.name}）：{exc}") from exc
        story.registers(years)
        story.letters()
        counts.update(story.counts)
    counts["items"] = Item.objects.count()
    return counts
