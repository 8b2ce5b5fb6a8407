"""Synthetic practices for load tests, recombined from the real compendium entries.

Every synthetic practice takes its place, country, level and promoter from
one real entry, its long texts and references from another, its theme and
classification (types, areas, tags, as submitted and as terms) from a third,
and a title recombined from two real titles, so lengths, vocabulary and
distributions are the compendium's own. Each run records its block of ids
(`SyntheticBatch`), so a purge removes exactly those.

Speed: rows go in with COPY into a staging table, with `compendium.bulk_load`
set so the row triggers leave the search vectors alone; each vector is then
assembled with the database's own functions (practices migration 0009) from
parts computed once per real entry: only the short heading is parsed per row.
A large load (more new practices than there are already) drops the practice
table's secondary indexes first and builds them again once every row is in,
in the same transaction: building an index once is far cheaper than keeping
it up to date row by row (the search vectors' GIN index above all).
"""

import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from bench.models import SyntheticBatch
from editorial.models import PublicationStatus
from practices.models import Practice, ReferenceLink, TaggedPractice

TEXT_FIELDS = ["purpose", "rationale", "process", "impact", "further_information"]
PRACTICE_COLUMNS = [
    "id", "title", "slug", "theme_id", "country_id", "place", "level", "promoter", "type_text", "area_text",
    "duration_text", "start", "end", "ongoing", *TEXT_FIELDS, "status", "created", "updated", "source_position",
    "imported_values",
]  # fmt: skip
# Which real entry each part of a synthetic practice comes from (columns of the staging table).
SOURCE_COLUMNS = ["source_texts", "source_classification"]
LINK_TABLES = [
    (Practice.areas.through._meta.db_table, "practice_id"),
    (Practice.types.through._meta.db_table, "practice_id"),
    (TaggedPractice._meta.db_table, "content_object_id"),
    (ReferenceLink._meta.db_table, "practice_id"),
]


class EmptyCorpus(Exception):
    pass


@dataclass
class Corpus:
    """What synthetic practices are recombined from: the real entries (by index), loaded once."""

    ids: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    whereabouts: list = field(default_factory=list)  # (place, country_id, level, promoter)
    classifications: list = field(default_factory=list)  # (theme_id, type_text, area_text, type, area, tag ids)
    durations: list = field(default_factory=list)  # (text, start, end, ongoing)
    texts: list = field(default_factory=list)  # [texts in TEXT_FIELDS order]
    references: list = field(default_factory=list)  # [[(label, url)]]

    @classmethod
    def from_database(cls):
        real = (
            Practice.objects.exclude(synthetic_practices())
            .prefetch_related("types", "areas", "tags", "references")
            .order_by("pk")
        )
        corpus = cls()
        for practice in real:
            corpus.ids.append(practice.pk)
            corpus.titles.append(practice.title)
            corpus.whereabouts.append((practice.place, practice.country_id, practice.level, practice.promoter))
            corpus.classifications.append((
                practice.theme_id, practice.type_text, practice.area_text, [t.pk for t in practice.types.all()],
                [a.pk for a in practice.areas.all()], [t.pk for t in practice.tags.all()],
            ))  # fmt: skip
            corpus.durations.append((practice.duration_text, practice.start, practice.end, practice.ongoing))
            corpus.texts.append([getattr(practice, name) for name in TEXT_FIELDS])
            corpus.references.append([(r.label, r.url) for r in practice.references.all()])
        if not corpus.ids:
            raise EmptyCorpus("There are no real practices to learn from: run `manage.py import_compendium` first.")
        return corpus


def synthetic_practices():
    """Q for the practices in every recorded synthetic batch."""
    condition = Q(pk__in=[])
    for first, last in SyntheticBatch.objects.values_list("first_id", "last_id"):
        condition |= Q(pk__range=(first, last))
    return condition


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
    n = len(corpus.ids)
    texts, classification = rng.randrange(n), rng.randrange(n)
    place, country_id, level, promoter = corpus.whereabouts[rng.randrange(n)]
    head, tail = corpus.titles[rng.randrange(n)].split(), corpus.titles[rng.randrange(n)].split()
    title = " ".join(head[: max(1, len(head) // 2)] + tail[len(tail) // 2 :])[:300]
    theme_id, type_text, area_text, type_ids, area_ids, tag_ids = corpus.classifications[classification]
    duration_text, start, end, ongoing = corpus.durations[rng.randrange(n)]
    shift = rng.randint(-6, 3)
    row = [
        practice_id, title, f"synthetic-{practice_id}", theme_id, country_id, place, level, promoter, type_text,
        area_text, duration_text, _shifted(start, shift), _shifted(end, shift), ongoing, *corpus.texts[texts],
        PublicationStatus.PUBLISHED, now, now, None, "{}",
    ]  # fmt: skip
    return SyntheticPractice(row, [texts, classification], type_ids, area_ids, tag_ids, corpus.references[texts])


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


# The vector parts of each real entry, computed once by the database's own functions.
PART_VECTORS = """
CREATE TEMP TABLE synthetic_part_vector AS
SELECT source.index,
    practice_text_vector(p.purpose, p.rationale, p.process, p.impact, p.further_information,
                         practice_reference_text(p.id)) AS text_vector,
    practice_classification_vector(p.type_text, p.area_text)
        AS classification_vector,
    -- A synthetic practice copies the English texts only: its French vector is made of them, as by the trigger.
    practice_french_text_vector(p.purpose, p.rationale, p.process, p.impact, p.further_information,
                                practice_reference_text(p.id)) AS french_text_vector,
    practice_french_classification_vector(p.type_text, p.area_text) AS french_classification_vector
FROM unnest(%s::bigint[]) WITH ORDINALITY AS source(practice_id, index)
JOIN practices_practice AS p ON p.id = source.practice_id
"""

# Staged rows into the practice table, each vector assembled as the row trigger would compute it.
INSERT_STAGED = f"""
INSERT INTO practices_practice
    ({", ".join(f'"{column}"' for column in PRACTICE_COLUMNS)}, heading_vector, search_vector, search_vector_fr)
SELECT {", ".join(f's."{column}"' for column in PRACTICE_COLUMNS)}, heading.vector,
    heading.vector || texts.text_vector || classification.classification_vector,
    heading.french_vector || texts.french_text_vector || classification.french_classification_vector
FROM synthetic_staging AS s
LEFT JOIN compendium_country AS country ON country.code = s.country_id
CROSS JOIN LATERAL (SELECT practice_heading_vector(s.title, s.place, s.promoter, country.name) AS vector,
                           practice_french_heading_vector(
                               s.title, s.place, s.promoter, country_names_in_french_search(s.country_id))
                               AS french_vector)
    AS heading
JOIN synthetic_part_vector AS texts ON texts.index = s.source_texts + 1
JOIN synthetic_part_vector AS classification ON classification.index = s.source_classification + 1
"""  # noqa: S608 - built from constants


def _drop_secondary_indexes(cursor):
    """Drop the practice table's indexes that back no constraint; returns their definitions."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = 'practices_practice' AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = 'practices_practice'::regclass)"
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in indexes]


def generate_practices(count, seed, report=None, batch_size=10_000):
    """Write `count` synthetic practices; returns (first id, seconds writing, seconds indexing)."""
    corpus = Corpus.from_database()
    rng = random.Random(seed)
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute("SET LOCAL compendium.bulk_load = 'on'")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        first_id = _reserve_ids(cursor, count)
        cursor.execute("SELECT count(*) FROM practices_practice")
        rebuilt = _drop_secondary_indexes(cursor) if count > cursor.fetchone()[0] else []
        cursor.execute("DROP TABLE IF EXISTS synthetic_part_vector, synthetic_staging")
        cursor.execute(PART_VECTORS, [corpus.ids])
        cursor.execute("CREATE INDEX ON synthetic_part_vector (index)")
        cursor.execute(
            "CREATE TEMP TABLE synthetic_staging (LIKE practices_practice INCLUDING DEFAULTS, "
            + ", ".join(f"{column} int" for column in SOURCE_COLUMNS)
            + ")"
        )
        written, indexing = 0, 0.0
        while written < count:
            batch = [
                synthetic_practice(corpus, rng, first_id + written + offset, now)
                for offset in range(min(batch_size, count - written))
            ]
            _copy(cursor, "synthetic_staging", PRACTICE_COLUMNS + SOURCE_COLUMNS, (p.row + p.sources for p in batch))
            moved = time.monotonic()
            cursor.execute(INSERT_STAGED)
            cursor.execute("TRUNCATE synthetic_staging")
            indexing += time.monotonic() - moved
            _copy_links(cursor, batch)
            written += len(batch)
            if report:
                report(written, count, time.monotonic() - started)
        cursor.execute("DROP TABLE synthetic_part_vector, synthetic_staging")
        moved = time.monotonic()
        if rebuilt:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no index is built over pending foreign-key checks
        for definition in rebuilt:
            cursor.execute(definition)
        indexing += time.monotonic() - moved
        SyntheticBatch.objects.create(first_id=first_id, last_id=first_id + count - 1, seed=seed)
        # Fresh statistics, so the very next queries plan for the new size.
        cursor.execute("ANALYZE practices_practice, " + ", ".join(table for table, _ in LINK_TABLES))
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
    batches = list(SyntheticBatch.objects.values_list("first_id", "last_id"))
    removed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 0")
        # The practices go: nothing needs its search vector computed again on the way.
        cursor.execute("SET LOCAL compendium.bulk_load = 'on'")
        for first, last in batches:
            for table, column in LINK_TABLES:
                cursor.execute(f'DELETE FROM "{table}" WHERE "{column}" BETWEEN %s AND %s', [first, last])  # noqa: S608
            cursor.execute("DELETE FROM practices_practice WHERE id BETWEEN %s AND %s", [first, last])
            removed += cursor.rowcount
        SyntheticBatch.objects.all().delete()
    return removed
