"""Editors in the admin: what they may do, and that nothing they save is lost."""

import pytest
import reversion
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from editorial.models import PublicationStatus
from practices.models import Practice, ReferenceLink
from tests import factories as make

pytestmark = pytest.mark.django_db


def practice_form(practice=None, **changes):
    data = {
        "title": "Citizen Coin", "slug": "bradford-citizen-coin", "status": "draft", "theme": make.theme().pk,
        "country": make.country("GB", "United Kingdom").pk, "place": "Bradford", "level": "local", "promoter": "",
        "types": [make.practice_type().pk], "type_text": "project", "areas": [make.area().pk], "area_text": "",
        "tags": "participation, volunteering", "duration_text": "", "start": "", "end": "",
        "purpose": "Reward volunteering.", "rationale": "", "process": "", "impact": "", "further_information": "",
        "references-TOTAL_FORMS": "1", "references-INITIAL_FORMS": "0", "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000", "references-0-position": "0", "references-0-label": "Citizen Coin",
        "references-0-url": "https://bradford.citizencoin.uk/",
    }  # fmt: skip
    data.update(changes)
    return data


def test_editors_add_a_practice_with_links_and_tags_and_it_is_searchable(editor_client, editor):
    response = editor_client.post(reverse("admin:practices_practice_add"), practice_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    practice = Practice.objects.get(slug="bradford-citizen-coin")
    assert sorted(practice.tags.names()) == ["participation", "volunteering"]
    assert practice.references.get().url == "https://bradford.citizencoin.uk/"
    assert Practice.objects.filter(pk=practice.pk, search_vector="volunteering").exists()
    [version] = Version.objects.get_for_object(practice)
    assert version.revision.user == editor  # who
    assert (timezone.now() - version.revision.date_created).total_seconds() < 60  # when
    change = reverse("admin:practices_practice_change", args=[practice.pk])
    editor_client.post(change, practice_form(title="Citizen Coin (Bradford)", **{"references-INITIAL_FORMS": "0"}))
    versions = Version.objects.get_for_object(practice)
    assert versions.count() == 2
    assert versions[0].field_dict["title"] == "Citizen Coin (Bradford)"
    assert versions[1].field_dict["title"] == "Citizen Coin"


def test_editors_publish_and_unpublish(editor_client, editor):
    practice = make.practice("To publish", status=PublicationStatus.DRAFT)
    changelist = reverse("admin:practices_practice_changelist")
    editor_client.post(changelist, {"action": "publish", "_selected_action": [practice.pk]})
    practice.refresh_from_db()
    assert practice.status == "published"
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [practice.pk]})
    practice.refresh_from_db()
    assert practice.status == "draft"


def test_editors_may_not_delete_or_manage_people_or_vocabulary(editor_client, editor):
    practice = make.practice("Keep me")
    assert editor_client.get(reverse("admin:practices_practice_delete", args=[practice.pk])).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    area = make.area()
    assert editor_client.get(reverse("admin:compendium_area_delete", args=[area.pk])).status_code == 403
    assert editor_client.get(reverse("admin:compendium_theme_add")).status_code == 403
    assert not editor.has_perm("practices.delete_practice")
    assert editor.has_perm("practices.publish_practice")


def test_admin_pages_answer(editor_client, editor):
    practice = make.practice("Shown")
    for url in [
        reverse("admin:practices_practice_changelist"),
        reverse("admin:practices_practice_changelist") + "?q=shown&level__exact=local",
        reverse("admin:practices_practice_add"),
        reverse("admin:practices_practice_change", args=[practice.pk]),
        reverse("admin:practices_practice_history", args=[practice.pk]),
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_the_export_action_uses_the_public_columns(editor_client, editor):
    practice = make.practice("Exported", slug="exported")
    response = editor_client.post(
        reverse("admin:practices_practice_changelist"), {"action": "export_csv", "_selected_action": [practice.pk]}
    )
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufefftitle,url,country_code,country,place,level,theme,types,areas,tags,")
    assert "Exported,http://testserver/practices/exported/" in text


def test_a_deleted_practice_comes_back_with_its_tags_links_and_areas(client):
    admin = User.objects.create_superuser("admin", password="x")
    client.force_login(admin)
    education = make.area("education", "Education")
    with reversion.create_revision():
        practice = make.practice(
            "Schools Linking", slug="schools-linking", areas=[education], tags=["schools", "youth"],
            references=[("The Linking Network", "https://thelinkingnetwork.org.uk/")],
        )  # fmt: skip
    pk = practice.pk
    client.post(reverse("admin:practices_practice_delete", args=[pk]), {"post": "yes"})
    assert not Practice.objects.filter(pk=pk).exists()
    assert not ReferenceLink.objects.filter(practice_id=pk).exists()

    [deleted] = Version.objects.get_deleted(Practice)
    recover = reverse("admin:practices_practice_recover", args=[deleted.pk])
    recover_page = client.get(recover)
    assert recover_page.status_code == 200
    assert '<td class="difference-text">Schools Linking</td>' in recover_page.content.decode()
    assert "The Linking Network · https://thelinkingnetwork.org.uk/" in recover_page.content.decode()
    response = client.post(recover)
    assert response.status_code == 302
    restored = Practice.objects.get(pk=pk)
    assert restored.title == "Schools Linking"
    assert restored.status == "draft"  # it was published; no one has looked at it since it came back
    assert sorted(restored.tags.names()) == ["schools", "youth"]
    assert list(restored.areas.all()) == [education]
    assert restored.references.get().url == "https://thelinkingnetwork.org.uk/"


def test_an_action_on_several_practices_is_a_revision_of_each(editor_client, editor):
    """Reverting one of them later can then never touch the other."""
    first, second = make.practice("First", status="draft"), make.practice("Second", status="draft")
    changelist = reverse("admin:practices_practice_changelist")
    editor_client.post(changelist, {"action": "publish", "_selected_action": [first.pk, second.pk]})
    for practice in (first, second):
        [version] = Version.objects.get_for_object(practice)
        assert [v.object_id for v in version.revision.version_set.filter(content_type__model="practice")] == [
            str(practice.pk)
        ]
        assert version.revision.user == editor
        assert version.revision.comment == "Status set to published."
