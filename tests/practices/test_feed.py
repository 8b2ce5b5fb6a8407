import pytest

from editorial.models import PublicationStatus
from tests import factories as make

pytestmark = pytest.mark.django_db


def test_the_feed_lists_published_practices_only(client, django_assert_num_queries):
    make.practice("Published practice", place="Bilbao", purpose="Everyone can read this.")
    make.practice("Secret draft", status=PublicationStatus.DRAFT)
    with django_assert_num_queries(1):
        response = client.get("/practices/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Bilbao: Published practice" in body
    assert "Everyone can read this." in body
    assert "Secret draft" not in body
