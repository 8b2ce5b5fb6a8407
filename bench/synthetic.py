"""Synthetic practices for load tests, recombined from the real compendium entries.

Every synthetic practice takes its place, country, level and promoter from
one real entry, its long texts and references from another, its theme and
classification (types, areas, tags, as submitted and as terms) from a third,
and a title recombined from two real titles, so lengths, vocabulary and
distributions are the compendium's own. Each run records its block of ids
(`SyntheticBatch`), so a purge removes exactly those.

Speed (issue 13: a million practices in minutes): a row is staged by COPY as
its id, title, period and the indexes of the real entries it takes the rest
from; one INSERT … SELECT per batch joins those entries' parts, computed once
per real entry (or per distinct title, or pair of entries) by the database's
own functions: the plain texts (practices' migration 0019) and the parts of the
search vectors (migration 0009). `compendium.bulk_load` is set, so the row
triggers leave both to the loader. A large load (more new practices than there
are already) drops the written tables' foreign keys and secondary indexes first
and adds them back once every row is in, in the same transaction: building an
index or checking a key over the whole table once is far cheaper than doing it
row by row (the search vectors' GIN indexes above all).
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
# Which real entry each part of a synthetic practice comes from: its staged row holds their corpus indexes.
SOURCE_COLUMNS = ["source_texts", "source_classification", "source_whereabouts", "source_duration"]
STAGED_COLUMNS = ["id", "title", "start", "end", *SOURCE_COLUMNS]
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
    """What synthetic practices are recombined from: the real entries (by index), loaded once.

    Their texts, place and classification stay in the database (`synthetic_source`): a row names them by index.
    """

    ids: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    periods: list = field(default_factory=list)  # (start, end)
    links: dict = field(default_factory=dict)  # link kind: [(index, position, *values)], see SOURCE_LINKS

    @classmethod
    def from_database(cls):
        real = (
            Practice.objects.exclude(synthetic_practices())
            .prefetch_related("types", "areas", "tags", "references")
            .only("title", "start", "end")
            .order_by("pk")
        )
        corpus = cls(links={kind: [] for kind in SOURCE_LINKS})
        for index, practice in enumerate(real):
            corpus.ids.append(practice.pk)
            corpus.titles.append(practice.title)
            corpus.periods.append((practice.start, practice.end))
            for kind, values in (
                ("area", [(a.pk,) for a in practice.areas.all()]),
                ("type", [(t.pk,) for t in practice.types.all()]),
                ("tag", [(t.pk,) for t in practice.tags.all()]),
                ("reference", [(r.label, r.url) for r in practice.references.all()]),
            ):
                corpus.links[kind] += [(index, position, *value) for position, value in enumerate(values)]
        if not corpus.ids:
            raise EmptyCorpus("There are no real practices to learn from: run `manage.py import_compendium` first.")
        return corpus


def synthetic_practices():
    """Q for the practices in every recorded synthetic batch."""
    condition = Q(pk__in=[])
    for first, last in SyntheticBatch.objects.values_list("first_id", "last_id"):
        condition |= Q(pk__range=(first, last))
    return condition


def synthetic_row(corpus, rng, practice_id):
    """One practice's staged row (STAGED_COLUMNS): deterministic for the generator's state."""
    n = len(corpus.ids)
    texts, classification, whereabouts = rng.randrange(n), rng.randrange(n), rng.randrange(n)
    head, tail = corpus.titles[rng.randrange(n)].split(), corpus.titles[rng.randrange(n)].split()
    title = " ".join(head[: max(1, len(head) // 2)] + tail[len(tail) // 2 :])[:300]
    duration = rng.randrange(n)
    start, end = corpus.periods[duration]
    shift = rng.randint(-6, 3)
    return (practice_id, title, _shifted(start, shift), _shifted(end, shift), texts, classification, whereabouts,
            duration)  # fmt: skip


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


# Everything a synthetic practice takes from a real entry, the costly parts computed once per entry by the
# database's own functions: the plain texts (practices' migration 0019) and the vectors' parts (migration 0009).
# A vector is the concatenation of its parts in the trigger's order, and concatenation is associative: the
# heading is the title's part and the place, promoter and country's; the rest, texts' and classification's.
SOURCE = f"""
CREATE TEMP TABLE synthetic_source AS
SELECT source.index - 1 AS index, p.theme_id, p.type_text, p.area_text, p.place, p.country_id, p.level, p.promoter,
    p.duration_text, p.ongoing,
    {", ".join(f"p.{text}, markdown_plain(p.{text}) AS {text}_plain" for text in TEXT_FIELDS)},
    practice_text_vector(p.purpose, p.rationale, p.process, p.impact, p.further_information,
                         practice_reference_text(p.id)) AS text_vector,
    practice_classification_vector(p.type_text, p.area_text) AS classification_vector,
    practice_heading_vector(NULL, p.place, p.promoter, country.name) AS whereabouts_vector,
    -- A synthetic practice copies the English texts only: its French vector is made of them, as by the trigger.
    practice_french_text_vector(p.purpose, p.rationale, p.process, p.impact, p.further_information,
                                practice_reference_text(p.id)) AS french_text_vector,
    practice_french_classification_vector(p.type_text, p.area_text) AS french_classification_vector,
    practice_french_heading_vector(NULL, p.place, p.promoter, country_names_in_french_search(p.country_id))
        AS french_whereabouts_vector
FROM unnest(%s::bigint[]) WITH ORDINALITY AS source(practice_id, index)
JOIN practices_practice AS p ON p.id = source.practice_id
LEFT JOIN compendium_country AS country ON country.code = p.country_id
"""  # noqa: S608 - built from constants

# The parts that combine two real entries or a new title, once per distinct combination: each title's part
# of the heading vectors, and each pair of texts and classification's part of the search vectors (the body).
NEW_PARTS = [
    """
    INSERT INTO synthetic_title
    SELECT DISTINCT s.title, practice_heading_vector(s.title, NULL, NULL, NULL),
        practice_french_heading_vector(s.title, NULL, NULL, NULL)
    FROM synthetic_staging AS s
    WHERE NOT EXISTS (SELECT FROM synthetic_title AS t WHERE t.title = s.title)
    """,
    """
    INSERT INTO synthetic_body
    SELECT pair.source_texts, pair.source_classification,
        texts.text_vector || classification.classification_vector,
        texts.french_text_vector || classification.french_classification_vector
    FROM (SELECT DISTINCT source_texts, source_classification FROM synthetic_staging) AS pair
    JOIN synthetic_source AS texts ON texts.index = pair.source_texts
    JOIN synthetic_source AS classification ON classification.index = pair.source_classification
    WHERE NOT EXISTS (SELECT FROM synthetic_body AS b
                      WHERE (b.texts, b.classification) = (pair.source_texts, pair.source_classification))
    """,
]
PART_TABLES = [
    "synthetic_title (title text PRIMARY KEY, vector tsvector, french_vector tsvector)",
    "synthetic_body (texts int, classification int, vector tsvector, french_vector tsvector, "
    "PRIMARY KEY (texts, classification))",
]

# Staged rows into the practice table, with their real entries' parts.
PRACTICE_COLUMNS = [
    "id", "title", "slug", "theme_id", "country_id", "place", "level", "promoter", "type_text", "area_text",
    "duration_text", "start", "end", "ongoing", *TEXT_FIELDS, "status", "created", "updated", "source_position",
    "imported_values", *(f"{text}_plain" for text in TEXT_FIELDS), "heading_vector", "search_vector",
    "search_vector_fr",
]  # fmt: skip
INSERT_STAGED = f"""
INSERT INTO practices_practice ({", ".join(f'"{column}"' for column in PRACTICE_COLUMNS)})
SELECT s.id, s.title, 'synthetic-' || s.id, classification.theme_id, whereabouts.country_id, whereabouts.place,
    whereabouts.level, whereabouts.promoter, classification.type_text, classification.area_text,
    duration.duration_text, s.start, s."end", duration.ongoing, {", ".join(f"texts.{text}" for text in TEXT_FIELDS)},
    %(status)s, %(now)s, %(now)s, NULL, '{{}}', {", ".join(f"texts.{text}_plain" for text in TEXT_FIELDS)},
    heading.vector, heading.vector || body.vector, heading.french_vector || body.french_vector
FROM synthetic_staging AS s
JOIN synthetic_title AS title ON title.title = s.title
JOIN synthetic_body AS body ON (body.texts, body.classification) = (s.source_texts, s.source_classification)
JOIN synthetic_source AS texts ON texts.index = s.source_texts
JOIN synthetic_source AS classification ON classification.index = s.source_classification
JOIN synthetic_source AS whereabouts ON whereabouts.index = s.source_whereabouts
JOIN synthetic_source AS duration ON duration.index = s.source_duration
CROSS JOIN LATERAL (SELECT title.vector || whereabouts.whereabouts_vector AS vector,
                           title.french_vector || whereabouts.french_whereabouts_vector AS french_vector) AS heading
"""  # noqa: S608 - built from constants

# Each link kind: its real entries' links (a temp table of `Corpus.links`), the synthetic rows' link table,
# the columns written there and the real entry a practice takes them from.
SOURCE_LINKS = {
    "area": (["area_id bigint"], Practice.areas.through._meta.db_table, ["practice_id", "area_id"],
             "source_classification"),
    "type": (["type_id bigint"], Practice.types.through._meta.db_table, ["practice_id", "practicetype_id"],
             "source_classification"),
    "tag": (["tag_id int"], TaggedPractice._meta.db_table, ["content_object_id", "tag_id"], "source_classification"),
    "reference": (["label text", "url text"], ReferenceLink._meta.db_table, ["practice_id", "position", "label", "url"],
                  "source_texts"),
}  # fmt: skip


def _link_statements(cursor, corpus):
    """Stage the real entries' links; returns, per link kind, the INSERT that gives a batch its links."""
    statements = []
    for kind, (value_columns, table, columns, source) in SOURCE_LINKS.items():
        names = [column.split()[0] for column in value_columns]
        cursor.execute(f"CREATE TEMP TABLE synthetic_{kind} (index int, position int, {', '.join(value_columns)})")
        _copy(cursor, f"synthetic_{kind}", ["index", "position", *names], corpus.links[kind])
        values = ", ".join(f"link.{name}" for name in (["position", *names] if kind == "reference" else names))
        statements.append(
            f'INSERT INTO "{table}" ({", ".join(columns)}) SELECT s.id, {values} FROM synthetic_staging AS s '  # noqa: S608
            f"JOIN synthetic_{kind} AS link ON link.index = s.{source} ORDER BY s.id, link.position"
        )
    return statements


def _drop_secondary_indexes(cursor, tables):
    """Drop the tables' indexes that no constraint needs; returns the statements that build them again."""
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index AS i "
        "WHERE i.indrelid = ANY(%s::regclass[]) "
        "AND NOT EXISTS (SELECT FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)",
        [tables],
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes]


def _drop_foreign_keys(cursor, tables):
    """Drop the tables' foreign keys; returns the statements that add them back, checking every row in one query."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
        [tables],
    )
    constraints = cursor.fetchall()
    for table, name, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition in constraints]


def generate_practices(count, seed, report=None, batch_size=10_000):
    """Write `count` synthetic practices; returns (first id, seconds writing, seconds building indexes)."""
    corpus = Corpus.from_database()
    rng = random.Random(seed)
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute("SET LOCAL compendium.bulk_load = 'on'")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")  # a GIN index over a million vectors
        first_id = _reserve_ids(cursor, count)
        cursor.execute("SELECT count(*) FROM practices_practice")
        rebuilt = []
        if count > cursor.fetchone()[0]:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no table is altered under pending key checks
            written_tables = ["practices_practice", *(table for table, _ in LINK_TABLES)]
            rebuilt = _drop_foreign_keys(cursor, written_tables) + _drop_secondary_indexes(cursor, written_tables)
        # The parts kept per real entry compress as the table's columns do (lz4 where the server has it), so
        # a row takes them as they are, compressed as a write by the admin would be.
        cursor.execute(
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_attribute "
            "WHERE attrelid = 'practices_practice'::regclass AND attname = 'purpose_plain' AND attcompression = 'l'"
        )
        cursor.execute(
            "DROP TABLE IF EXISTS synthetic_source, synthetic_title, synthetic_body, synthetic_staging, "
            + ", ".join(f"synthetic_{kind}" for kind in SOURCE_LINKS)
        )
        cursor.execute(SOURCE, [corpus.ids])
        for table in PART_TABLES:
            cursor.execute(f"CREATE TEMP TABLE {table}")
        cursor.execute(
            'CREATE TEMP TABLE synthetic_staging (id bigint, title text, start date, "end" date, '
            + ", ".join(f"{column} int" for column in SOURCE_COLUMNS)
            + ")"
        )
        link_statements = _link_statements(cursor, corpus)
        cursor.execute("ANALYZE synthetic_source, " + ", ".join(f"synthetic_{kind}" for kind in SOURCE_LINKS))
        parameters = {"status": PublicationStatus.PUBLISHED, "now": timezone.now()}
        written = 0
        while written < count:
            batch = range(first_id + written, first_id + min(count, written + batch_size))
            _copy(cursor, "synthetic_staging", STAGED_COLUMNS, (synthetic_row(corpus, rng, pk) for pk in batch))
            for statement in NEW_PARTS:
                cursor.execute(statement)
            cursor.execute(INSERT_STAGED, parameters)
            for statement in link_statements:
                cursor.execute(statement)
            cursor.execute("TRUNCATE synthetic_staging")
            written += len(batch)
            if report:
                report(written, count, time.monotonic() - started)
        cursor.execute(
            "DROP TABLE synthetic_source, synthetic_title, synthetic_body, synthetic_staging, "
            + ", ".join(f"synthetic_{kind}" for kind in SOURCE_LINKS)
        )
        indexing_started = time.monotonic()
        for statement in rebuilt:
            cursor.execute(statement)
        indexing = time.monotonic() - indexing_started
        SyntheticBatch.objects.create(first_id=first_id, last_id=first_id + count - 1, seed=seed)
        # Fresh statistics, so the very next queries plan for the new size.
        cursor.execute("ANALYZE practices_practice, " + ", ".join(table for table, _ in LINK_TABLES))
    total = time.monotonic() - started
    return first_id, total - indexing, indexing


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
