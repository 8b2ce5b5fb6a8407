"""practices.durations: every duration line of the compendium, read to month precision."""

import datetime
import re
from pathlib import Path

import pytest

from practices.durations import parse_duration, period_label

SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "sources" / "compendium-cdadi-2024-39.txt"

# (text as written, start (year, month), end (year, month), ongoing): one row per distinct Duration line.
DURATIONS = [
    ("2022-ongoing", (2022, 1), None, True),
    ("Roadmap for access to the law (2022-2026)", (2022, 1), (2026, 12), False),
    ("Since 2019 (ongoing)", (2019, 1), None, True),
    ("1 September 2020 – 30 June 2023 - Project funded by ERASMUS+ EU Programme", (2020, 9), (2023, 6), False),
    ("2024-2027", (2024, 1), (2027, 12), False),
    ("November 2020 – February 2023 (28 months)", (2020, 11), (2023, 2), False),
    ("May 2022 – April 2024 (24 months)", (2022, 5), (2024, 4), False),
    ("indefinite", None, None, True),
    ("ongoing", None, None, True),
    ("2022", (2022, 1), (2022, 12), False),
    ("November 2022 – ongoing", (2022, 11), None, True),
    ("December 2021 – June 2023", (2021, 12), (2023, 6), False),
    (
        "3 months (2022) - 18 European credits (ECTS). This activity is planned to be repeated annually. The second edition ended in May 2023 and the third edition of the hate crime course is planned for the first half of 2024.",
        (2022, 1),
        (2022, 12),
        True,
    ),
    ("30 months (2 years and a half): From September 2019 to March 2022.", (2019, 9), (2022, 3), False),
    ("December 2021-November 2022", (2021, 12), (2022, 11), False),
    ("2023-2025", (2023, 1), (2025, 12), False),
    ("2023 – Ongoing", (2023, 1), None, True),
    ("April 2023- ongoing", (2023, 4), None, True),
    ("2022 – Ongoing", (2022, 1), None, True),
    ("Established in 2015. Latest development – £1.3 million sports complex 2022.", (2015, 1), None, False),
    ("2021 - 2022", (2021, 1), (2022, 12), False),
    ("2024", (2024, 1), (2024, 12), False),
    ("November 2022, for 24 months", (2022, 11), (2024, 10), False),
    ("ongoing. Launched in January 2020", (2020, 1), None, True),
    ("ongoing - 10 hours training module", None, None, True),
    ("Since 2013", (2013, 1), None, True),
    ("ongoing since 2018", (2018, 1), None, True),
    ("2024-", (2024, 1), None, True),
    ("ongoing since 2020", (2020, 1), None, True),
    ("January 2023 – ongoing", (2023, 1), None, True),
    ("March 2022 – ongoing", (2022, 3), None, True),
    ("6 months; the Faith New Deal programme pilot was launched in July 2022", (2022, 7), (2022, 12), False),
    (
        "Funded by Bradford for Everyone intercultural Strategy during the period December 2018 – March 2022. The leading organisation delivers on an ongoing basis via other funding sources.",
        (2018, 12),
        (2022, 3),
        True,
    ),
    (
        "Funded by Bradford for Everyone intercultural strategy over the period December 2018 – March 2022. The leading organisation delivers on an ongoing basis via other funding sources.",
        (2018, 12),
        (2022, 3),
        True,
    ),
    ("Since October 2021 (ongoing)", (2021, 10), None, True),
    ("Since 2014", (2014, 1), None, True),
    ("starting in February 2023", (2023, 2), None, False),
    ("November 2022, for 20 months", (2022, 11), (2024, 6), False),
    ("Since 2016", (2016, 1), None, True),
    ("February 2022 – ongoing", (2022, 2), None, True),
    (
        "Created in 2001 and integrated in the High Commission for Migration, this programme of national scope has been in implementation for more than 20 years and is in its 8th edition (from 1st of January 2021 to 30th June 2023).",
        (2001, 1),
        (2023, 6),
        False,
    ),
    ("ongoing.", None, None, True),
    ("36 months, start date: 1 January 2022", (2022, 1), (2024, 12), False),
    ("Ongoing", None, None, True),
    ("3 years, 2020 – 2022", (2020, 1), (2022, 12), False),
    ("2021-2022", (2021, 1), (2022, 12), False),
    ("2020-2024", (2020, 1), (2024, 12), False),
    ("set up in 2013 (ongoing)", (2013, 1), None, True),
    ("February 2019 to June 2022 (29 months)", (2019, 2), (2022, 6), False),
    ("2022-2026 (January to December of each year)", (2022, 1), (2026, 12), False),
    ("April 2018 – March 2021", (2018, 4), (2021, 3), False),
]


def month(year_month):
    return datetime.date(*year_month, 1) if year_month else None


@pytest.mark.parametrize(("text", "start", "end", "ongoing"), DURATIONS)
def test_duration(text, start, end, ongoing):
    duration = parse_duration(text)
    assert (duration.start, duration.end, duration.ongoing) == (month(start), month(end), ongoing)


def test_the_table_covers_every_duration_line_of_the_compendium():
    written = re.findall(
        r"^(?:Duration(?:/Elaboration Period)?|Elaboration period)\s*:\s*(.+)$",
        SOURCE.read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert len(written) == 58
    assert set(written) == {row[0] for row in DURATIONS}


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019", (2019, 1), (2019, 12)),  # a year alone: January to December
        ("Since 2019", (2019, 1), None),
        ("2019 - 2020", (2019, 1), (2020, 12)),
        ("March 2019, for 12 months", (2019, 3), (2020, 2)),
        ("2 years, start date: 1 July 2021", (2021, 7), (2023, 6)),
    ],
)
def test_a_year_alone_means_january_for_a_start_and_december_for_an_end(text, start, end):
    duration = parse_duration(text)
    assert (duration.start, duration.end) == (month(start), month(end))


@pytest.mark.parametrize("text", ["", "Ongoing", "indefinite", "a sports complex opened in 2022"])
def test_no_dates_are_invented(text):
    duration = parse_duration(text)
    assert (duration.start, duration.end) == (None, None)


def test_ongoing_is_unknown_when_the_duration_says_neither():
    assert parse_duration("").ongoing is None
    assert parse_duration("10 hours training module").ongoing is None
    assert parse_duration("2019 - 2021").ongoing is False
    assert parse_duration("ongoing").ongoing is True


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2022-ongoing", "2022 – ongoing"),
        ("Since 2019 (ongoing)", "2019 – ongoing"),
        ("indefinite", "ongoing"),
        ("1 September 2020 – 30 June 2023", "Sep 2020 – Jun 2023"),
        ("2019-2021", "2019 – 2021"),
        ("3 months (2022)", "2022"),
        ("", ""),
    ],
)
def test_a_period_is_written_one_way(text, period):
    duration = parse_duration(text)
    assert period_label(duration.start, duration.end, duration.ongoing) == period
