"""Reads for the public project pages beyond the list (see projects/lists.py)."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy

from editorial.translation import shown_text
from projects.lists import PROJECT_LIST
from projects.models import Partner, Project
from related.kinds import RelatedKind


def project_for_page(slug):
    """The project with everything its page shows, its status today included, in a fixed number of queries."""
    return (
        Project.objects.with_running_status(timezone.localdate())
        .select_related("programme")
        .prefetch_related(
            "categories", "areas", "tags", "objectives", "activities", "resources", "impact_targets",
            Prefetch("partners", queryset=Partner.objects.select_related("country")), "social_links",
        )
        .filter(slug=slug)
        .first()
    )  # fmt: skip


def related_kind():
    """How projects take part in related items (registered by ProjectsConfig.ready)."""
    return RelatedKind(
        "projects", gettext_lazy("Related projects"), PROJECT_LIST,
        published=lambda: Project.objects.published().only("acronym", "title", "title_fr", "slug"),
        title=lambda item: item.acronym or shown_text(item, "title"),
        note=lambda item: item.acronym and shown_text(item, "title"),
    )  # fmt: skip
