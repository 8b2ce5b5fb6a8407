"""generate_practices: synthetic load-test data, deterministic, purged exactly."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F, Func, TextField

from bench.synthetic import LINK_TABLES, TEXT_FIELDS, synthetic_practices
from practices.models import Practice, ReferenceLink
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return [
        make.practice(
            "Anti-rumours strategy", place="Bilbao", areas=[make.area()], types=[make.practice_type()],
            tags=["anti-rumours"], purpose="**Rumours** about [migrants](https://example.org/).", start=make.month(2013), ongoing=True,
            references=[("Manual", "https://example.org/manual.pdf")],
        ),
        make.practice(
            "Participatory Budget", place="Paris", country=make.country("FR", "France"),
            areas=[make.area("public-space", "Public space")], purpose="Residents decide.",
            start=make.month(2014), end=make.month(2020, 12),
        ),
    ]  # fmt: skip


def synthetic_fields():
    return list(
        Practice.objects.filter(synthetic_practices())
        .order_by("id")
        .values_list("title", "place", "country_id", "level", "theme_id", "purpose", "start", "ongoing")
    )


def test_generates_published_searchable_practices_with_their_links(corpus):
    call_command("generate_practices", count=40, seed=7)
    synthetic = Practice.objects.filter(synthetic_practices())
    assert synthetic.count() == 40
    assert synthetic.published().count() == 40
    assert not synthetic.filter(search_vector__isnull=True).exists()
    assert not synthetic.filter(search_vector_fr__isnull=True).exists()
    assert synthetic.filter(search_vector="rumours").exists()
    assert synthetic.filter(search_vector="residents").exists()
    assert Practice.areas.through.objects.filter(practice__in=synthetic).count() == 40  # one area each
    assert set(synthetic.values_list("place", flat=True)) <= {"Bilbao", "Paris"}
    assert ReferenceLink.objects.filter(practice__in=synthetic).exists()


def test_generated_vectors_are_the_ones_the_database_computes_on_any_write(corpus):
    """The generator assembles vectors from parts; a later write recomputes them: both must agree."""
    call_command("generate_practices", count=20, seed=5)
    synthetic = Practice.objects.filter(synthetic_practices()).order_by("pk")
    generated = list(synthetic.values_list("search_vector", "heading_vector", "search_vector_fr"))
    synthetic.update(title=F("title"))  # any write: the row trigger computes the vectors again
    assert list(synthetic.values_list("search_vector", "heading_vector", "search_vector_fr")) == generated


def test_generated_plain_texts_are_the_ones_the_database_computes(corpus):
    call_command("generate_practices", count=20, seed=5)
    synthetic = Practice.objects.filter(synthetic_practices())
    for name in TEXT_FIELDS:
        computed = Func(F(name), function="markdown_plain", output_field=TextField())
        assert not synthetic.exclude(**{f"{name}_plain": computed}).exists(), name
    assert synthetic.filter(purpose_plain="Rumours about migrants (https://example.org/).").exists()


def test_a_large_load_leaves_every_index_and_key_as_it_found_them(corpus):
    before = indexes_and_keys()
    call_command("generate_practices", count=30, seed=2)  # more than there are: indexes and keys rebuilt
    call_command("generate_practices", count=5, seed=2)  # fewer: kept up to date row by row
    assert indexes_and_keys() == before
    synthetic = Practice.objects.filter(synthetic_practices())
    assert synthetic.count() == 35
    assert synthetic.filter(search_vector="residents").exists()


def indexes_and_keys():
    tables = ["practices_practice", *(table for table, _ in LINK_TABLES)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables, tables],
        )
        return cursor.fetchall()


def test_the_same_seed_gives_the_same_practices(corpus):
    call_command("generate_practices", count=25, seed=3)
    first = synthetic_fields()
    call_command("generate_practices", count=25, seed=3, purge=True)
    assert synthetic_fields() == first
    call_command("generate_practices", count=25, seed=4, purge=True)
    assert synthetic_fields() != first


def test_purge_removes_exactly_the_synthetic_ones(corpus):
    call_command("generate_practices", count=30, seed=1)
    call_command("generate_practices", purge=True)
    assert set(Practice.objects.values_list("pk", flat=True)) == {p.pk for p in corpus}
    assert ReferenceLink.objects.count() == 1
    assert Practice.objects.get(title="Anti-rumours strategy").tags.names()[0] == "anti-rumours"


def test_refuses_without_real_practices():
    with pytest.raises(CommandError, match="import_compendium"):
        call_command("generate_practices", count=5)
