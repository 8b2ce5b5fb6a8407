"""A practice accepted from a contribution names its contributor and when it was last reviewed."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from contributions import services
from editorial.models import PublicationStatus
from practices.models import Practice
from practices.services import mark_reviewed
from tests import factories as make
from tests.contributions import builders as build

pytestmark = pytest.mark.django_db


def test_the_page_says_who_contributed_it_and_the_month_of_the_last_review(client, contributor, editor):
    submission = build.in_review(contributor, editor)
    services.accept(submission, editor, PublicationStatus.PUBLISHED)
    practice = Practice.objects.get(pk=submission.practice.pk)
    assert practice.reviewed_by == editor
    assert timezone.now() - practice.last_reviewed < datetime.timedelta(minutes=1)
    Practice.objects.filter(pk=practice.pk).update(
        last_reviewed=datetime.datetime(2025, 3, 14, 12, tzinfo=datetime.UTC)
    )
    body = client.get(submission.practice.get_absolute_url()).content.decode()
    assert '<p class="provenance muted">Contributed by Bilbao City Council; last reviewed March 2025</p>' in body


def test_a_practice_from_the_compendium_says_nothing_of_the_kind(client):
    practice = make.practice("From the 2024 compendium")
    body = Client().get(practice.get_absolute_url()).content.decode()
    assert "Contributed by" not in body and "last reviewed" not in body


def test_without_a_recorded_review_only_the_contributor_is_named(client):
    practice = make.practice("Contributed long ago", contributed_by="Ghent City Council")
    body = client.get(practice.get_absolute_url()).content.decode()
    assert '<p class="provenance muted">Contributed by Ghent City Council</p>' in body


def test_a_later_review_in_the_admin_is_the_date_and_it_is_said_once(client, contributor, editor):
    submission = build.in_review(contributor, editor)
    services.accept(submission, editor, PublicationStatus.PUBLISHED)
    practice = Practice.objects.get(pk=submission.practice.pk)
    Practice.objects.filter(pk=practice.pk).update(
        last_reviewed=datetime.datetime(2025, 3, 14, 12, tzinfo=datetime.UTC)
    )
    mark_reviewed(Practice.objects.get(pk=practice.pk), editor)
    month = timezone.localtime(timezone.now()).strftime("%B %Y")
    body = client.get(practice.get_absolute_url()).content.decode()
    assert f"Contributed by Bilbao City Council; last reviewed {month}" in body
    assert body.lower().count("last reviewed") == 1


@pytest.mark.parametrize("related_count", [1, 10])
def test_the_contributed_practice_page_costs_no_query_more(
    client, contributor, editor, django_assert_num_queries, related_count
):
    submission = build.in_review(contributor, editor)
    services.accept(submission, editor, PublicationStatus.PUBLISHED)
    submission.practice.tags.set(["welcome"])
    for number in range(related_count):
        make.practice(f"Related {number}", tags=["welcome"])
    client.get(submission.practice.get_absolute_url())  # the facet indexes kept (related items' scores)
    # The practice with its types, areas, tags and references, the content generation, the related practices.
    with django_assert_num_queries(3):
        assert client.get(submission.practice.get_absolute_url()).status_code == 200
