"""Synthetic practices for load tests, recombined from the real compendium entries.

Every synthetic practice takes its place, country and level from one real
entry, its theme, types, areas and tags from the real distributions, and each
long text from a (possibly different) real entry, so lengths and vocabulary
are the compendium's own. Rows are written with COPY; they are marked
`is_synthetic`, so a purge removes exactly them.
"""

import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from compendium.models import PublicationStatus
from practices.models import Practice, ReferenceLink, TaggedPractice

TEXT_FIELDS = ["purpose", "rationale", "process", "impact", "further_information"]
PRACTICE_COLUMNS = [
    "id", "title", "slug", "theme_id", "country_id", "place", "level", "promoter", "type_text", "area_text",
    "duration_text", "start", "end", "ongoing", *TEXT_FIELDS, "status", "created", "updated", "source_position",
    "imported_values", "is_synthetic",
]  # fmt: skip


class EmptyCorpus(Exception):
    pass


@dataclass
class Corpus:
    """What synthetic practices are recombined from: the real, non-synthetic entries."""

    titles: list = field(default_factory=list)
    whereabouts: list = field(default_factory=list)  # (place, country_id, level, promoter)
    theme_ids: list = field(default_factory=list)
    type_sets: list = field(default_factory=list)  # [(type_text, [type ids])]
    area_sets: list = field(default_factory=list)  # [(area_text, [area ids])]
    tag_sets: list = field(default_factory=list)
    durations: list = field(default_factory=list)  # (text, start, end, ongoing)
    texts: dict = field(default_factory=dict)  # field -> [texts]
    references: list = field(default_factory=list)  # [[(label, url)]]

    @classmethod
    def from_database(cls):
        real = Practice.objects.filter(is_synthetic=False).prefetch_related("types", "areas", "tags", "references")
        corpus = cls(texts={name: [] for name in TEXT_FIELDS})
        for practice in real:
            corpus.titles.append(practice.title)
            corpus.whereabouts.append((practice.place, practice.country_id, practice.level, practice.promoter))
            corpus.theme_ids.append(practice.theme_id)
            corpus.type_sets.append((practice.type_text, [t.pk for t in practice.types.all()]))
            corpus.area_sets.append((practice.area_text, [a.pk for a in practice.areas.all()]))
            corpus.tag_sets.append([t.pk for t in practice.tags.all()])
            corpus.durations.append((practice.duration_text, practice.start, practice.end, practice.ongoing))
            for name in TEXT_FIELDS:
                corpus.texts[name].append(getattr(practice, name))
            corpus.references.append([(r.label, r.url) for r in practice.references.all()])
        if not corpus.titles:
            raise EmptyCorpus("There are no real practices to learn from: run `manage.py import_compendium` first.")
        return corpus


@dataclass
class SyntheticPractice:
    row: list
    type_ids: list
    area_ids: list
    tag_ids: list
    references: list


def synthetic_practice(corpus, rng, practice_id, now):
    """One practice recombined from the corpus; deterministic for the generator's state."""
    pick = rng.randrange
    n = len(corpus.titles)
    place, country_id, level, promoter = corpus.whereabouts[pick(n)]
    head, tail = corpus.titles[pick(n)], corpus.titles[pick(n)]
    head_words, tail_words = head.split(), tail.split()
    title = " ".join(head_words[: max(1, len(head_words) // 2)] + tail_words[len(tail_words) // 2 :])[:300]
    type_text, type_ids = corpus.type_sets[pick(n)]
    area_text, area_ids = corpus.area_sets[pick(n)]
    duration_text, start, end, ongoing = corpus.durations[pick(n)]
    shift = rng.randint(-6, 3)
    start, end = _shifted(start, shift), _shifted(end, shift)
    row = [
        practice_id, title, f"synthetic-{practice_id}", corpus.theme_ids[pick(n)], country_id, place, level, promoter,
        type_text, area_text, duration_text, start, end, ongoing,
        *(corpus.texts[name][pick(n)] for name in TEXT_FIELDS),
        PublicationStatus.PUBLISHED, now, now, None, "{}", True,
    ]  # fmt: skip
    return SyntheticPractice(row, type_ids, area_ids, corpus.tag_sets[pick(n)], corpus.references[pick(n)])


def _shifted(day, years):
    if day is None:
        return None
    return day.replace(year=max(1950, min(2100, day.year + years)))


def _reserve_ids(cursor, count):
    """A block of `count` consecutive ids from the practices' identity sequence."""
    cursor.execute("SELECT pg_get_serial_sequence('practices_practice', 'id')")
    sequence = cursor.fetchone()[0]
    cursor.execute("LOCK TABLE practices_practice IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute("SELECT nextval(%s)", [sequence])
    first = cursor.fetchone()[0]
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def generate_practices(count, seed, report=None, batch_size=5000):
    """Write `count` synthetic practices; returns (first id, seconds spent writing, seconds indexing)."""
    from practices.search import refresh_search_vectors

    corpus = Corpus.from_database()
    rng = random.Random(seed)
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL statement_timeout = 0")
        first_id = _reserve_ids(cursor, count)
        area_table = Practice.areas.through._meta.db_table
        type_table = Practice.types.through._meta.db_table
        tag_table = TaggedPractice._meta.db_table
        reference_table = ReferenceLink._meta.db_table
        written = 0
        while written < count:
            batch = [
                synthetic_practice(corpus, rng, first_id + written + offset, now)
                for offset in range(min(batch_size, count - written))
            ]
            _copy(cursor, Practice._meta.db_table, PRACTICE_COLUMNS, (p.row for p in batch))
            _copy(cursor, area_table, ["practice_id", "area_id"],
                  ((p.row[0], area) for p in batch for area in p.area_ids))  # fmt: skip
            _copy(cursor, type_table, ["practice_id", "practicetype_id"],
                  ((p.row[0], kind) for p in batch for kind in p.type_ids))  # fmt: skip
            _copy(cursor, tag_table, ["content_object_id", "tag_id"],
                  ((p.row[0], tag) for p in batch for tag in p.tag_ids))  # fmt: skip
            _copy(cursor, reference_table, ["practice_id", "position", "label", "url"],
                  ((p.row[0], position, label, url) for p in batch
                   for position, (label, url) in enumerate(p.references)))  # fmt: skip
            written += len(batch)
            if report:
                report(written, count, time.monotonic() - started)
        writing = time.monotonic() - started
        refresh_search_vectors(range(first_id, first_id + count))
        indexing = time.monotonic() - started - writing
    return first_id, writing, indexing


def _copy(cursor, table, columns, rows):
    quoted = ", ".join(f'"{column}"' for column in columns)
    with cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def purge_synthetic_practices():
    """Delete every synthetic practice and what hangs off it; returns how many practices went."""
    synthetic = "SELECT id FROM practices_practice WHERE is_synthetic"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 0")
        for table, column in [
            (Practice.areas.through._meta.db_table, "practice_id"),
            (Practice.types.through._meta.db_table, "practice_id"),
            (TaggedPractice._meta.db_table, "content_object_id"),
            (ReferenceLink._meta.db_table, "practice_id"),
        ]:
            cursor.execute(f'DELETE FROM "{table}" WHERE "{column}" IN ({synthetic})')  # noqa: S608 - fixed names
        cursor.execute("DELETE FROM practices_practice WHERE is_synthetic")
        return cursor.rowcount
