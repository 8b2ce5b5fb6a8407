"""Every way of writing keeps search and cached counts right, with the shared Redis cache on.

Each test first reads the list (so its counts are cached), writes one way,
then reads again as a reader: the change must show at once in the counts,
the facet labels and the search.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from practices.models import Practice
from projects.models import Objective
from tests import factories as make
from tests.admin_forms import submitted_form
from tests.projects import factories as projects
from vocabulary.models import Area, Country, Theme

LIST = reverse("practices:list")

pytestmark = pytest.mark.django_db


def facet_labels(response, key):
    facet = next(facet for facet in response.context["facets"] if facet.key == key)
    return {value.value: (value.label, value.count) for value in facet.values}


def titles_found(client, words, path=LIST):
    return [result.item.title for result in client.get(path, {"q": words}).context["results"]]


@pytest.fixture
def bilbao(shared_cache):
    practice = make.practice(
        "Anti-rumours strategy", place="Bilbao", areas=[make.area()], tags=["anti-rumours"], purpose="Rumours."
    )
    return practice


def test_a_plain_save_of_an_instance_loaded_earlier_keeps_search_right(client, bilbao):
    stale = Practice.objects.get(pk=bilbao.pk)  # its vectors are loaded too
    assert titles_found(client, "Rumours") == ["Anti-rumours strategy"]
    stale.title = "Myth-busting network"
    stale.save()
    assert titles_found(client, "myth-busting") == ["Myth-busting network"]
    assert titles_found(client, "Anti-rumours strategy") == []


def test_an_admin_edit_shows_at_once(client, bilbao, editor):
    assert facet_labels(client.get(LIST), "country") == {"ES": ("Spain", 1)}
    client.force_login(editor)
    change = reverse("admin:practices_practice_change", args=[bilbao.pk])
    data = submitted_form(client.get(change))
    data.update(title="Welcoming city network", country=make.country("PT", "Portugal").pk)
    assert client.post(change, data).status_code == 302
    client.logout()
    assert facet_labels(client.get(LIST), "country") == {"PT": ("Portugal", 1)}
    assert titles_found(client, "welcoming") == ["Welcoming city network"]


def test_an_admin_action_and_a_delete_show_at_once(client, bilbao, administrator):
    assert client.get(LIST).context["total"] == 1
    client.force_login(administrator)
    client.post(reverse("admin:practices_practice_changelist"), {"action": "archive", "_selected_action": [bilbao.pk]})
    client.logout()
    assert client.get(LIST).context["total"] == 0
    client.force_login(administrator)
    client.post(reverse("admin:practices_practice_changelist"), {"action": "publish", "_selected_action": [bilbao.pk]})
    client.logout()
    assert client.get(LIST).context["total"] == 1
    client.force_login(administrator)
    client.post(reverse("admin:practices_practice_delete", args=[bilbao.pk]), {"post": "yes"})
    client.logout()
    assert client.get(LIST).context["total"] == 0


def test_an_import_shows_at_once(client, shared_cache):
    call_command("import_compendium", stdout=io.StringIO())
    assert client.get(LIST).context["total"] == 83
    bilbao = Practice.objects.get(slug="bilbao-anti-rumours-strategy")
    Practice.objects.filter(pk=bilbao.pk).update(title="Renamed by Quetzalcoatl")
    assert titles_found(client, "quetzalcoatl") == ["Renamed by Quetzalcoatl"]
    call_command("import_compendium", overwrite=True, stdout=io.StringIO())
    assert titles_found(client, "quetzalcoatl") == []
    assert "Anti-rumours strategy" in titles_found(client, "anti-rumours strategy Bilbao")


def test_a_country_rename_shows_in_the_facet_and_the_search(client, bilbao):
    assert facet_labels(client.get(LIST), "country") == {"ES": ("Spain", 1)}
    Country.objects.filter(code="ES").update(name="Kingdom of Spain")
    assert facet_labels(client.get(LIST), "country") == {"ES": ("Kingdom of Spain", 1)}
    assert titles_found(client, "kingdom") == ["Anti-rumours strategy"]


def test_an_area_rename_shows_in_the_facet(client, bilbao):
    assert facet_labels(client.get(LIST), "area") == {"education": ("Education", 1)}
    area = Area.objects.get(slug="education")
    area.name = "Schooling and learning"
    area.save()
    assert facet_labels(client.get(LIST), "area") == {"education": ("Schooling and learning", 1)}


def test_a_theme_rename_shows_in_the_facet(client, bilbao):
    theme = Theme.objects.get(pk=bilbao.theme_id)
    assert facet_labels(client.get(LIST), "theme") == {theme.slug: (theme.title, 1)}
    theme.title = "Equal rights for all"
    theme.save()
    assert facet_labels(client.get(LIST), "theme") == {theme.slug: ("Equal rights for all", 1)}


def test_a_tag_rename_shows_in_the_facet(client, bilbao):
    assert facet_labels(client.get(LIST), "tag") == {"anti-rumours": ("anti-rumours", 1)}
    Tag.objects.filter(slug="anti-rumours").update(name="myth busting")
    assert facet_labels(client.get(LIST), "tag") == {"anti-rumours": ("myth busting", 1)}


def test_generated_practices_show_at_once(client, bilbao):
    assert client.get(LIST).context["total"] == 1
    call_command("generate_practices", count=30, seed=1, stdout=io.StringIO(), stderr=io.StringIO())
    assert client.get(LIST).context["total"] == 31
    call_command("generate_practices", purge=True, stdout=io.StringIO())
    assert client.get(LIST).context["total"] == 1


def test_a_project_child_written_alone_reaches_the_projects_search(client, shared_cache):
    project = projects.project("LIAISON", objectives=["Build trust"])
    path = reverse("projects:list")
    assert client.get(path).context["total"] == 1
    Objective.objects.create(project=project, position=1, text="Train mediators in Gdańsk")
    assert titles_found(client, "mediators gdansk", path) == [project.title]
    Objective.objects.filter(project=project).delete()
    assert titles_found(client, "mediators", path) == []
