import pytest

from editorial.models import PublicationStatus
from tests import factories as make

pytestmark = pytest.mark.django_db


def test_home_counts_practices_by_theme_and_country_and_links_into_the_list(client, django_assert_num_queries):
    valuing = make.theme("valuing-diversity", "Valuing diversity")
    make.practice("One")
    make.practice("Two", theme=valuing, country=make.country("IT", "Italy"))
    make.practice("Three", theme=valuing, country=make.country("IT", "Italy"))
    make.practice("Draft", status=PublicationStatus.DRAFT)
    with django_assert_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        '<a href="/practices/?theme=valuing-diversity"><span>Valuing diversity</span> <span class="count">2</span>'
        in body
    )
    assert '<a href="/practices/?country=IT"><span>Italy</span> <span class="count">2</span>' in body
    assert '<a href="/practices/?country=ES"><span>Spain</span> <span class="count">1</span>' in body
    assert "Browse all 3 practices" in body
    assert 'role="search"' in body


def test_themes_follow_the_compendium_whatever_their_counts_names_or_ages(client):
    """Counting groups the rows, and a GROUP BY ignores Meta.ordering: the order must be asked for."""
    themes = [
        make.theme("multilevel-governance", "Multilevel governance", position=5),
        make.theme("ensuring-equality", "Ensuring equality", position=1),
        make.theme("valuing-diversity", "Valuing diversity", position=2),
    ]
    for count, theme in zip((3, 1, 2), themes, strict=True):
        for number in range(count):
            make.practice(f"{theme.title} {number}", theme=theme)
    titles = [theme.title for theme in client.get("/").context["themes"]]
    assert titles == ["Ensuring equality", "Valuing diversity", "Multilevel governance"]
