"""A practice accepted from a contribution names its contributor and when it was last reviewed."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from contributions import services
from contributions.models import State, Transition
from editorial.models import PublicationStatus
from tests import factories as make
from tests.contributions import builders as build

pytestmark = pytest.mark.django_db


def test_the_page_says_who_contributed_it_and_the_month_of_the_last_review(client, contributor, editor):
    submission = build.in_review(contributor, editor)
    services.accept(submission, editor, PublicationStatus.PUBLISHED)
    record = Transition.objects.get(to_state=State.ACCEPTED)
    Transition.objects.filter(pk=record.pk).update(at=datetime.datetime(2025, 3, 14, 12, tzinfo=datetime.UTC))
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


def test_the_latest_acceptance_is_the_date(client, contributor, editor):
    submission = build.in_review(contributor, editor)
    services.accept(submission, editor, PublicationStatus.PUBLISHED)
    earlier = Transition.objects.get(to_state=State.ACCEPTED)
    Transition.objects.create(
        submission=submission, from_state=State.IN_REVIEW, to_state=State.ACCEPTED, by=editor,
        at=earlier.at + datetime.timedelta(days=400),
    )  # fmt: skip
    month = timezone.localtime(earlier.at + datetime.timedelta(days=400)).strftime("%B %Y")
    assert f"last reviewed {month}" in client.get(submission.practice.get_absolute_url()).content.decode()


@pytest.mark.parametrize("related_count", [1, 10])
def test_the_contributed_practice_page_costs_one_query_more(
    client, contributor, editor, django_assert_num_queries, related_count
):
    submission = build.in_review(contributor, editor)
    services.accept(submission, editor, PublicationStatus.PUBLISHED)
    submission.practice.tags.set(["welcome"])
    for number in range(related_count):
        make.practice(f"Related {number}", tags=["welcome"])
    # the practice, its types, areas, tags, references, related items' scores and practices; its last review
    with django_assert_num_queries(8):
        assert client.get(submission.practice.get_absolute_url()).status_code == 200
