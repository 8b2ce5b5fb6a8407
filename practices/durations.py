"""Start, end and "ongoing" read from a duration as the compendium's contributors wrote it.

Month precision: a date is the first day of its month. A year alone means
January when it starts a period and December when it ends one. Only dates in
a recognised position count (a range, a date after "since", "launched in",
"start date:" and the like, a date opening the text, a year in brackets); a
year mentioned in passing ("a sports complex 2022") does not. "Ongoing" is
said ("ongoing", "since 2014", "2024-", "indefinite", "repeated annually"),
never inferred from a missing end. Not ongoing is said by dates without such
words; a duration that gives neither (or none at all) leaves it unknown (None).
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"],
        start=1,
    )
}  # fmt: skip

# "2022", "May 2022", "1 September 2020", "1st of January 2021", "30th June 2023"
_DATE = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:(?:" + "|".join(MONTHS) + r")\s+)?\d{4}"
_DATE_PARTS = re.compile(r"(?:(?P<month>" + "|".join(MONTHS) + r")\s+)?(?P<year>\d{4})$", re.IGNORECASE)
_RANGE = re.compile(
    rf"(?:from\s+)?(?P<start>{_DATE})\s*(?:–|-|\bto\b)\s*(?:(?P<end>{_DATE})|(?P<open>ongoing\b|$))", re.IGNORECASE
)
_STARTS = re.compile(
    r"(?:\bsince|\bcreated in|\bestablished in|\bset up in|\blaunched in|\bstarting in|\bstart date:)"
    rf"\s*(?P<date>{_DATE})",
    re.IGNORECASE,
)
_LEADING = re.compile(rf"^\s*(?:from\s+)?(?P<date>{_DATE})\b", re.IGNORECASE)
_BRACKETED = re.compile(rf"\((?P<date>{_DATE})\)", re.IGNORECASE)
_LENGTH = re.compile(r"\b(?P<count>\d+)\s+(?P<unit>months?|years?)\b", re.IGNORECASE)
_ONGOING = re.compile(r"\bongoing\b|\bindefinite\b|\bsince\b|repeated annually|-\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    start: datetime.date | None
    end: datetime.date | None
    ongoing: bool | None  # None: the text does not say


@dataclass(frozen=True)
class _Point:
    year: int
    month: int | None  # None: the year alone

    def as_start(self):
        return datetime.date(self.year, self.month or 1, 1)

    def as_end(self):
        return datetime.date(self.year, self.month or 12, 1)

    @classmethod
    def from_date(cls, day):
        return cls(day.year, day.month)


def parse_duration(text):
    """The Duration a free-text duration line describes (all empty when it names no date)."""
    text = (text or "").strip()
    ongoing = bool(_ONGOING.search(text))
    start = end = None
    period = _RANGE.search(text)
    if period:
        start = _point(period["start"])
        if period["end"]:
            end = _point(period["end"])
        else:
            ongoing = True  # "2022-ongoing", "2024-"
    for match in _STARTS.finditer(text):
        # "Created in 2001 … (from 1st of January 2021 to 30th June 2023)": the earliest start is the practice's.
        point = _point(match["date"])
        if start is None or point.as_start() < start.as_start():
            start = point
    length = _LENGTH.search(text)
    if start is None:
        opening = _LEADING.search(text) or _BRACKETED.search(text)
        if opening:
            start = _point(opening["date"])
            if start.month is None:
                end = start  # "2022", "3 months (2022)": within that year, nothing finer
    if start and end is None and not period and length and start.month:
        months = int(length["count"]) * (12 if length["unit"].lower().startswith("year") else 1)
        end = _Point.from_date(_add_months(start.as_start(), months - 1))
    return Duration(
        start=start.as_start() if start else None,
        end=end.as_end() if end else None,
        ongoing=True if ongoing else (False if start or end else None),
    )


def _point(date_text):
    # Day numbers ("1", "30th", "of") carry nothing at month precision.
    core = " ".join(word for word in date_text.split() if word.lower() in MONTHS or re.fullmatch(r"\d{4}", word))
    parts = _DATE_PARTS.match(core)
    return _Point(int(parts["year"]), MONTHS[parts["month"].lower()] if parts["month"] else None)


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_label(start, end, ongoing):
    """A period in one form for every practice: "2022 – ongoing", "Sep 2020 – Jun 2023", "2019 – 2021", "2022".

    A start in January or an end in December is shown as its year alone (as a year
    alone is read); "" when the dates are unknown and the practice is not said to be ongoing.
    """
    first = _month_or_year(start, year_alone_month=1) if start else ""
    last = _month_or_year(end, year_alone_month=12) if end else ""
    if ongoing:
        return gettext("%(start)s – ongoing") % {"start": first} if first else gettext("ongoing")
    if first and last and first != last:
        if start.year == end.year and start.month == 1 and end.month == 12:
            return str(start.year)
        return f"{first} – {last}"
    return first or last


def _month_or_year(day, year_alone_month):
    return str(day.year) if day.month == year_alone_month else date_format(day, "M Y")
