"""Synthetic practices for load tests, recombined from the real compendium entries.

Every synthetic practice takes its place, country and level from one real
entry, its theme, types, areas and tags from the real distributions, and each
long text from a (possibly different) real entry, so lengths and vocabulary
are the compendium's own. They are marked `is_synthetic`, so a purge removes
exactly them.

Speed: rows go in with COPY into a staging table, and each search vector is
assembled from the vectors of the real texts it reuses (computed once), so
no text is parsed twice; only the recombined titles are.
"""

import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from practices.models import Practice, ReferenceLink, TaggedPractice
from practices.search import (
    HEADING_WEIGHTS,
    VECTOR_PARTS,
    forget_cached_counts,
    part_vector_sql,
    search_vector_sql,
    text_vector_sql,
)
from vocabulary.models import PublicationStatus

TEXT_FIELDS = ["purpose", "rationale", "process", "impact", "further_information"]
PRACTICE_COLUMNS = [
    "id", "title", "slug", "theme_id", "country_id", "place", "level", "promoter", "type_text", "area_text",
    "duration_text", "start", "end", "ongoing", *TEXT_FIELDS, "status", "created", "updated", "source_position",
    "imported_values", "is_synthetic",
]  # fmt: skip
# A synthetic practice takes from one real entry each: where and who (the
# search vector's B texts), its long texts and references (C), its
# classification (D). Its title (A) is recombined from two real titles.
SOURCE_OF_PART = {"B": "whereabouts", "C": "texts", "D": "classification"}
SOURCE_COLUMNS = list(SOURCE_OF_PART.values())


class EmptyCorpus(Exception):
    pass


@dataclass
class Corpus:
    """What synthetic practices are recombined from: the real, non-synthetic entries."""

    titles: list = field(default_factory=list)
    whereabouts: list = field(default_factory=list)  # (place, country_id, level, promoter, country name)
    theme_ids: list = field(default_factory=list)
    type_sets: list = field(default_factory=list)  # [(type_text, [type ids])]
    area_sets: list = field(default_factory=list)  # [(area_text, [area ids])]
    tag_sets: list = field(default_factory=list)
    durations: list = field(default_factory=list)  # (text, start, end, ongoing)
    texts: dict = field(default_factory=dict)  # field -> [texts]
    references: list = field(default_factory=list)  # [[(label, url)]]

    @classmethod
    def from_database(cls):
        real = (
            Practice.objects.filter(is_synthetic=False)
            .select_related("country")
            .prefetch_related("types", "areas", "tags", "references")
            .order_by("pk")
        )
        corpus = cls(texts={name: [] for name in TEXT_FIELDS})
        for practice in real:
            country_name = practice.country.name if practice.country else ""
            corpus.titles.append(practice.title)
            corpus.whereabouts.append(
                (practice.place, practice.country_id, practice.level, practice.promoter, country_name)
            )
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

    VECTOR_SOURCE_COLUMNS = ["index", "place", "promoter", "country_name", "type_text", "area_text",
                             *TEXT_FIELDS, "references_text"]  # fmt: skip

    def vector_sources(self):
        """One row per real entry with every text a synthetic search vector reuses."""
        for index in range(len(self.titles)):
            place, _, _, promoter, country_name = self.whereabouts[index]
            references = " ".join(f"{label} {url}" for label, url in self.references[index])
            texts = [self.texts[name][index] for name in TEXT_FIELDS]
            yield [index, place, promoter, country_name, self.type_sets[index][0], self.area_sets[index][0],
                   *texts, references]  # fmt: skip


@dataclass
class SyntheticPractice:
    row: list
    sources: list  # corpus indexes, in SOURCE_COLUMNS order
    type_ids: list
    area_ids: list
    tag_ids: list
    references: list


def synthetic_practice(corpus, rng, practice_id, now):
    """One practice recombined from the corpus; deterministic for the generator's state."""
    n = len(corpus.titles)
    sources = {name: rng.randrange(n) for name in SOURCE_COLUMNS}
    place, country_id, level, promoter, _ = corpus.whereabouts[sources["whereabouts"]]
    head, tail = corpus.titles[rng.randrange(n)].split(), corpus.titles[rng.randrange(n)].split()
    title = " ".join(head[: max(1, len(head) // 2)] + tail[len(tail) // 2 :])[:300]
    type_text, type_ids = corpus.type_sets[sources["classification"]]
    area_text, area_ids = corpus.area_sets[sources["classification"]]
    duration_text, start, end, ongoing = corpus.durations[rng.randrange(n)]
    shift = rng.randint(-6, 3)
    row = [
        practice_id, title, f"synthetic-{practice_id}", corpus.theme_ids[rng.randrange(n)], country_id, place, level,
        promoter, type_text, area_text, duration_text, _shifted(start, shift), _shifted(end, shift), ongoing,
        *(corpus.texts[name][sources["texts"]] for name in TEXT_FIELDS),
        PublicationStatus.PUBLISHED, now, now, None, "{}", True,
    ]  # fmt: skip
    return SyntheticPractice(
        row,
        [sources[name] for name in SOURCE_COLUMNS],
        type_ids,
        area_ids,
        corpus.tag_sets[rng.randrange(n)],
        corpus.references[sources["texts"]],
    )


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


def _staged_vector_sql(weights="ABCD"):
    """The search vector of a staged row: its title parsed, every other part looked up."""

    def part_of(weight):
        if weight == "A":
            return text_vector_sql("s.title", weight)
        return (
            f"(SELECT v.vector FROM synthetic_part_vector v "  # noqa: S608 - built from constants
            f"WHERE v.weight = '{weight}' AND v.index = s.source_{SOURCE_OF_PART[weight]})"
        )

    return search_vector_sql(part_of, weights)


def generate_practices(count, seed, report=None, batch_size=10_000):
    """Write `count` synthetic practices; returns (first id, seconds writing, seconds indexing)."""
    corpus = Corpus.from_database()
    assert [weight for weight, _ in VECTOR_PARTS] == ["A", *SOURCE_OF_PART] and VECTOR_PARTS[0][1] == ["title"]
    rng = random.Random(seed)
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL statement_timeout = 0")
        first_id = _reserve_ids(cursor, count)
        cursor.execute("DROP TABLE IF EXISTS synthetic_source, synthetic_part_vector, synthetic_staging")
        cursor.execute(
            "CREATE TEMP TABLE synthetic_source (index int, "
            + ", ".join(f"{name} text" for name in Corpus.VECTOR_SOURCE_COLUMNS[1:])
            + ")"
        )
        _copy(cursor, "synthetic_source", Corpus.VECTOR_SOURCE_COLUMNS, corpus.vector_sources())
        cursor.execute(
            "CREATE TEMP TABLE synthetic_part_vector (weight char(1), index int, vector tsvector, "
            "PRIMARY KEY (weight, index))"
        )
        for weight in SOURCE_OF_PART:
            cursor.execute(
                f"INSERT INTO synthetic_part_vector SELECT '{weight}', t.index, "  # noqa: S608 - constants
                f"{part_vector_sql(weight, lambda name: f't.{name}')} FROM synthetic_source t"
            )
        source_columns = [f"source_{name}" for name in SOURCE_COLUMNS]
        cursor.execute(
            "CREATE TEMP TABLE synthetic_staging (LIKE practices_practice INCLUDING DEFAULTS, "
            + ", ".join(f"{column} int" for column in source_columns)
            + ")"
        )
        columns = ", ".join(f'"{column}"' for column in PRACTICE_COLUMNS)
        staged_columns = ", ".join(f's."{column}"' for column in PRACTICE_COLUMNS)
        insert = (
            f"INSERT INTO practices_practice ({columns}, search_vector, heading_vector) "  # noqa: S608 - constants
            f"SELECT {staged_columns}, {_staged_vector_sql()}, {_staged_vector_sql(HEADING_WEIGHTS)} "
            "FROM synthetic_staging s"
        )
        written, indexing = 0, 0.0
        while written < count:
            batch = [
                synthetic_practice(corpus, rng, first_id + written + offset, now)
                for offset in range(min(batch_size, count - written))
            ]
            _copy(cursor, "synthetic_staging", PRACTICE_COLUMNS + source_columns, (p.row + p.sources for p in batch))
            moved = time.monotonic()
            cursor.execute(insert)
            cursor.execute("TRUNCATE synthetic_staging")
            indexing += time.monotonic() - moved
            _copy_links(cursor, batch)
            written += len(batch)
            if report:
                report(written, count, time.monotonic() - started)
        cursor.execute("DROP TABLE synthetic_source, synthetic_part_vector, synthetic_staging")
        # Fresh statistics, so the very next queries plan for the new size.
        link_tables = [Practice.areas.through, Practice.types.through, TaggedPractice, ReferenceLink]
        cursor.execute("ANALYZE practices_practice, " + ", ".join(model._meta.db_table for model in link_tables))
    forget_cached_counts()
    total = time.monotonic() - started
    return first_id, total - indexing, indexing


def _copy_links(cursor, batch):
    _copy(cursor, Practice.areas.through._meta.db_table, ["practice_id", "area_id"],
          ((p.row[0], area) for p in batch for area in p.area_ids))  # fmt: skip
    _copy(cursor, Practice.types.through._meta.db_table, ["practice_id", "practicetype_id"],
          ((p.row[0], kind) for p in batch for kind in p.type_ids))  # fmt: skip
    _copy(cursor, TaggedPractice._meta.db_table, ["content_object_id", "tag_id"],
          ((p.row[0], tag) for p in batch for tag in p.tag_ids))  # fmt: skip
    references = ((p.row[0], n, label, url) for p in batch for n, (label, url) in enumerate(p.references))
    _copy(cursor, ReferenceLink._meta.db_table, ["practice_id", "position", "label", "url"], references)


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
        removed = cursor.rowcount
    forget_cached_counts()
    return removed
