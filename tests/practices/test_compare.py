"""/practices/compare/?p=…&p=…: two to four practices side by side, and their CSV."""

import pytest
from django.urls import reverse

from editorial.models import PublicationStatus
from tests import factories as make
from tests.exports import read

pytestmark = pytest.mark.django_db
COMPARE, COMPARE_CSV = reverse("practices:compare"), reverse("practices:compare_csv")


@pytest.fixture
def pair():
    return (
        make.practice("Anti-rumours strategy", place="Bilbao", purpose="Counter **rumours**.", areas=[make.area()]),
        make.practice("Citizen Coin", place="Bradford", country=make.country("GB", "United Kingdom"),
                      references=[("Citizen Coin", "https://example.org/coin")]),
    )  # fmt: skip


def test_practices_side_by_side_in_the_order_chosen(client, pair, django_assert_num_queries):
    bilbao, bradford = pair
    # The practices with country and theme, then their types, areas and references.
    with django_assert_num_queries(4):
        response = client.get(COMPARE, {"p": [bradford.slug, bilbao.slug]})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index(">Citizen Coin</a></th>") < body.index(">Anti-rumours strategy</a></th>")
    assert "<td>Bradford, United Kingdom</td><td>Bilbao, Spain</td>" in body
    assert "<strong>rumours</strong>" in body
    assert '<a href="https://example.org/coin" rel="noopener noreferrer">Citizen Coin</a>' in body
    assert f'href="{COMPARE_CSV}?p={bradford.slug}&amp;p={bilbao.slug}"' in body


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (1, "Choose from 2 to 4 practices to compare; 1 chosen."),
        (5, "Choose from 2 to 4 practices to compare; 5 chosen."),
    ],
)
def test_too_few_or_too_many_are_refused_with_the_reason(client, chosen, message):
    slugs = [make.practice(f"Practice {number}").slug for number in range(chosen)]
    response = client.get(COMPARE, {"p": slugs})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_draft_or_unknown_practice_is_named_never_shown(client, pair):
    draft = make.practice("Secret draft", status=PublicationStatus.DRAFT)
    response = client.get(COMPARE, {"p": [pair[0].slug, draft.slug, "<script>x"]})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"No published practice is at “{draft.slug}”." in body
    assert "No published practice is at “&lt;script&gt;x”." in body
    assert "Secret draft" not in body


def test_the_comparison_as_csv_in_the_exports_columns_and_order(client, pair):
    bilbao, bradford = pair
    rows = read(client.get(COMPARE_CSV, {"p": [bradford.slug, bilbao.slug]}))
    assert [row["title"] for row in rows] == ["Citizen Coin", "Anti-rumours strategy"]
    assert list(rows[0]) == list(read(client.get(reverse("practices:export")))[0])
    assert client.get(COMPARE_CSV, {"p": [bilbao.slug]}).status_code == 400
