"""Editors in the admin: projects with every child, validated, published, exported, and never lost."""

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.urls import reverse
from reversion.models import Version

from editorial.models import PublicationStatus
from projects.models import Objective, Project
from tests import factories as base
from tests.projects import factories as make

pytestmark = pytest.mark.django_db

INLINES = ["objectives", "activities", "resources", "impact_targets", "partners", "social_links"]


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


def project_form(**changes):
    """What the add form posts for a project with one of each child."""
    data = {
        "acronym": "BRIDGES", "title": "Schools as bridges", "slug": "bridges", "status": "draft",
        "programme": make.programme().pk, "project_number": "101049474", "start": "2023-01-01", "end": "2024-12-31",
        "coordinator": "City of Example", "contact_email": "info@example.org", "website": "https://example.org/",
        "categories": [make.category().pk], "areas": [base.area().pk], "tags": "schools, migrants", "summary": "",
        **management("objectives", 1), "objectives-0-position": "0", "objectives-0-text": "Welcome newcomers.",
        **management("activities", 1), "activities-0-position": "0", "activities-0-name": "Study",
        "activities-0-description": "A study of schools.",
        **management("resources", 1), "resources-0-position": "0", "resources-0-title": "Toolkit",
        "resources-0-url": "https://example.org/toolkit.pdf",
        **management("impact_targets", 1), "impact_targets-0-position": "0", "impact_targets-0-number": "300",
        "impact_targets-0-counts": "pupils", "impact_targets-0-wording": "At least 300 pupils reached",
        "impact_targets-0-achieved": "", "impact_targets-0-achieved_source": "",
        **management("partners", 1), "partners-0-position": "0", "partners-0-organisation": "CESIE",
        "partners-0-country": base.country("IT", "Italy").pk, "partners-0-role": "partner",
        **management("social_links", 0),
    }  # fmt: skip
    data.update(changes)
    return data


def errors_of(response):
    errors = [str(response.context["adminform"].form.errors)] if response.context else []
    for inline in response.context["inline_admin_formsets"] if response.context else []:
        errors += [str(form.errors) for form in inline.formset.forms if form.errors]
    return " ".join(errors)


def test_editors_add_a_project_with_every_child_and_it_is_searchable(editor_client, editor):
    response = editor_client.post(reverse("admin:projects_project_add"), project_form())
    assert response.status_code == 302, errors_of(response)
    project = Project.objects.get(slug="bridges")
    assert project.objectives.get().text == "Welcome newcomers."
    assert (project.activities.get().name, project.activities.get().description) == ("Study", "A study of schools.")
    assert project.resources.get().url == "https://example.org/toolkit.pdf"
    assert project.impact_targets.get().number == 300
    assert project.partners.get().country.name == "Italy"
    assert sorted(project.tags.names()) == ["migrants", "schools"]
    assert Project.objects.filter(pk=project.pk, search_vector="newcomer").exists()  # vector refreshed with children
    assert Version.objects.get_for_object(project).count() == 1


def test_editors_change_a_project_and_reorder_its_children(editor_client, editor):
    project = make.project("OLD", objectives=["First", "Second"])
    first, second = project.objectives.all()
    change = reverse("admin:projects_project_change", args=[project.pk])
    data = project_form(
        acronym="NEW", slug=project.slug, **management("objectives", 2, initial=2),
        **{"objectives-0-id": first.pk, "objectives-0-project": project.pk, "objectives-0-position": "2",
           "objectives-0-text": "First", "objectives-1-id": second.pk, "objectives-1-project": project.pk,
           "objectives-1-position": "1", "objectives-1-text": "Second, reordered first"},
    )  # fmt: skip
    response = editor_client.post(change, data)
    assert response.status_code == 302, errors_of(response)
    project.refresh_from_db()
    assert project.acronym == "NEW"
    assert list(project.objectives.values_list("text", flat=True)) == ["Second, reordered first", "First"]
    assert Project.objects.filter(pk=project.pk, search_vector="reordered").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"impact_targets-0-number": "0"}, "greater than or equal to 1"),
        ({"impact_targets-0-number": "-5"}, "greater than or equal to"),
        ({"start": "2024-01-01", "end": "2023-12-31"}, "The end date cannot be before the start date."),
        ({"contact_email": "not an address"}, "Enter a valid email address."),
        ({"website": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"resources-0-url": "not a url"}, "Enter a valid URL."),
    ],
)
def test_invalid_values_are_refused_with_a_message(editor_client, editor, changes, message):
    response = editor_client.post(reverse("admin:projects_project_add"), project_form(**changes))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not Project.objects.exists()


def test_editors_publish_and_unpublish(editor_client, editor):
    project = make.project("DRAFTED", status=PublicationStatus.DRAFT)
    changelist = reverse("admin:projects_project_changelist")
    editor_client.post(changelist, {"action": "publish", "_selected_action": [project.pk]})
    project.refresh_from_db()
    assert project.status == PublicationStatus.PUBLISHED
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [project.pk]})
    project.refresh_from_db()
    assert project.status == PublicationStatus.DRAFT


def test_without_the_publish_permission_there_is_no_publishing(client):
    user = User.objects.create_user("writer", password="x", is_staff=True)
    user.user_permissions.add(*Group.objects.get(name="Editors").permissions.exclude(codename="publish_project"))
    client.force_login(user)
    project = make.project("DRAFTED", status=PublicationStatus.DRAFT)
    changelist = reverse("admin:projects_project_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [project.pk]})
    project.refresh_from_db()
    assert project.status == PublicationStatus.DRAFT
    form = client.get(reverse("admin:projects_project_change", args=[project.pk])).context["adminform"].form
    assert "status" not in form.fields  # shown read-only


def test_editors_may_not_delete_projects(editor_client, editor):
    project = make.project("KEEP")
    assert editor_client.get(reverse("admin:projects_project_delete", args=[project.pk])).status_code == 403
    assert not editor.has_perm("projects.delete_project")
    assert editor.has_perm("projects.delete_objective")  # children, though, may be removed
    assert editor.has_perm("projects.publish_project")


def test_admin_pages_answer(editor_client, editor):
    project = make.project("SHOWN", categories=[make.category()], programme=make.programme())
    for url in [
        reverse("admin:projects_project_changelist"),
        reverse("admin:projects_project_changelist") + "?q=shown&status__exact=published",
        reverse("admin:projects_project_changelist") + f"?programme__id__exact={project.programme_id}",
        reverse("admin:projects_project_changelist") + f"?categories__id__exact={project.categories.get().pk}",
        reverse("admin:projects_project_add"),
        reverse("admin:projects_project_change", args=[project.pk]),
        reverse("admin:projects_project_history", args=[project.pk]),
        reverse("admin:projects_category_changelist"),
        reverse("admin:projects_category_add"),
        reverse("admin:projects_fundingprogramme_changelist"),
        reverse("admin:projects_fundingprogramme_add"),
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_autocomplete_finds_programmes_categories_and_areas(editor_client, editor):
    make.programme()
    make.category("migration", "Migration")
    base.area("intercultural-dialogue", "Intercultural dialogue")
    for field, term, expected in [
        ("programme", "raci", "REC-RACI action grant (DG JUST)"),
        ("categories", "migr", "Migration"),
        ("areas", "dialog", "Intercultural dialogue"),
    ]:
        response = editor_client.get(
            reverse("admin:autocomplete"),
            {"app_label": "projects", "model_name": "project", "field_name": field, "term": term},
        )
        assert response.status_code == 200, field
        assert [result["text"] for result in response.json()["results"]] == [expected]


def test_the_export_action_uses_the_public_columns(editor_client, editor):
    project = make.project("EXPORTED", slug="exported", status=PublicationStatus.DRAFT)
    response = editor_client.post(
        reverse("admin:projects_project_changelist"), {"action": "export_csv", "_selected_action": [project.pk]}
    )
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeffacronym,title,url,start,end,status,programme,categories,areas,objectives,")
    assert "EXPORTED,Project number" in text
    assert "http://testserver/projects/exported/" in text
    assert 'filename="projects-selection-' in response["Content-Disposition"]


def test_a_deleted_project_comes_back_with_its_children_tags_and_terms(client):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    dialogue = base.area("intercultural-dialogue", "Intercultural dialogue")
    migration = make.category()
    project = make.project(
        "LIAISON", slug="liaison", areas=[dialogue], categories=[migration], tags=["migrants"],
        objectives=["Promote understanding."], activities=[("Study", "about")], resources=[("VLOG", "")],
        targets=[(500, "people", "At least 500 people")], partners=[("CESIE", None, "coordinator")],
    )  # fmt: skip
    with reversion.create_revision():
        project.save()  # only the project: its children and tags come along by `follow`
    pk = project.pk
    client.post(reverse("admin:projects_project_delete", args=[pk]), {"post": "yes"})
    assert not Project.objects.filter(pk=pk).exists()
    assert not Objective.objects.filter(project_id=pk).exists()

    [deleted] = Version.objects.get_deleted(Project)
    assert client.post(reverse("admin:projects_project_recover", args=[deleted.pk])).status_code == 302
    restored = Project.objects.get(pk=pk)
    assert restored.objectives.get().text == "Promote understanding."
    assert restored.activities.get().name == "Study"
    assert restored.resources.get().title == "VLOG"
    assert restored.impact_targets.get().number == 500
    assert restored.partners.get().organisation == "CESIE"
    assert sorted(restored.tags.names()) == ["migrants"]
    assert list(restored.areas.all()) == [dialogue]
    assert list(restored.categories.all()) == [migration]
    recover = reverse("admin:projects_project_recoverlist")
    assert client.get(recover).status_code == 200
