"""Facet counts are cached in the shared cache and retired whenever practices change."""

import pytest
from django.urls import reverse

from editorial.models import PublicationStatus
from tests import factories as make

LIST = reverse("practices:list")

pytestmark = pytest.mark.django_db


def country_counts(response):
    facet = next(f for f in response.context["facets"] if f.key == "country")
    return {value.value: value.count for value in facet.values}


def test_a_list_asked_in_another_letter_case_reuses_its_counts(client, shared_cache, django_assert_num_queries):
    make.practice("One")  # in Spain
    client.get(LIST, {"country": "ES"})
    with django_assert_num_queries(3):  # validating the country, the content generation, the page
        response = client.get(LIST, {"country": "es"})
    assert response.context["total"] == 1
    assert country_counts(response) == {"ES": 1}


def test_the_same_list_in_another_url_order_shares_its_counts(client, shared_cache, django_assert_num_queries):
    make.practice("One", areas=[make.area()])
    client.get(LIST + "?country=ES&area=education")
    with django_assert_num_queries(4):
        client.get(LIST + "?area=education&country=es&sort=title")


def test_an_editors_save_retires_the_counts(client, shared_cache, administrator):
    practice = make.practice("Moves country")
    assert country_counts(client.get(LIST)) == {"ES": 1}
    client.force_login(administrator)
    change = reverse("admin:practices_practice_change", args=[practice.pk])
    data = {
        "title": practice.title, "slug": practice.slug, "status": "published", "theme": practice.theme_id,
        "country": make.country("IT", "Italy").pk, "place": "", "level": "local", "promoter": "", "type_text": "",
        "area_text": "", "tags": "", "duration_text": "", "start": "", "end": "", "purpose": "", "rationale": "",
        "process": "", "impact": "", "further_information": "", "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0", "references-MIN_NUM_FORMS": "0", "references-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    assert client.post(change, data).status_code == 302
    client.logout()
    assert country_counts(client.get(LIST)) == {"IT": 1}


def test_publishing_and_deleting_retire_the_counts(client, shared_cache, administrator):
    draft = make.practice("Draft", status=PublicationStatus.DRAFT)
    make.practice("Published")
    assert client.get(LIST).context["total"] == 1
    client.force_login(administrator)
    changelist = reverse("admin:practices_practice_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert client.get(LIST).context["total"] == 2
    client.post(reverse("admin:practices_practice_delete", args=[draft.pk]), {"post": "yes"})
    assert client.get(LIST).context["total"] == 1


def test_a_cache_outage_costs_speed_not_the_page(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    make.practice("Still listed")
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.context["total"] == 1
