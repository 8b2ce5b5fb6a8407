"""Reads for the public project pages: facets, result lines, snippets, the detail page, export rows."""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from academy.models import Module
from browse.columns import iso_day
from browse.csv_export import absolute_url, joined
from browse.listing import build_facet, count_by, count_through
from browse.search import headline_snippets
from practices.models import Practice
from projects.filters import STATUS_CHOICES
from projects.models import (
    Activity,
    ImpactTarget,
    Objective,
    Partner,
    Project,
    Resource,
    RunningStatus,
)

RELATED_COUNT = 6
STATUS_LABELS = dict(STATUS_CHOICES)


# The list ------------------------------------------------------------------------


def project_facets(filterset, query):
    """The facets beside the list, each counted with every other active filter applied (one query each)."""
    without = filterset.queryset_without

    def chosen(name, key, label):
        return {key(item): label(item) for item in filterset.value(name) or []}

    programme = filterset.value("programme")
    status = filterset.value("status")
    return [
        build_facet(
            query, "category", "Category",
            count_through(Project.categories.through.objects, "project", without("category"),
                          "category__slug", "category__name"),
            chosen("category", lambda c: c.slug, lambda c: c.name),
        ),
        build_facet(
            query, "area", "Area of intervention",
            count_through(Project.areas.through.objects, "project", without("area"), "area__slug", "area__name"),
            chosen("area", lambda a: a.slug, lambda a: a.name),
        ),
        build_facet(
            query, "programme", "Funding programme",
            count_by(without("programme"), "programme__slug", "programme__name"),
            {programme.slug: programme.name} if programme else {}, multiple=False,
        ),
        build_facet(
            query, "status", "Status today", _status_counts(without("status")),
            {status: STATUS_LABELS[status]} if status else {}, multiple=False,
        ),
    ]  # fmt: skip


def _status_counts(queryset):
    today = timezone.localdate()
    counts = queryset.aggregate(
        active=Count("pk", filter=Q(pk__in=queryset.active_on(today).values("pk"))),
        finished=Count("pk", filter=Q(pk__in=queryset.finished_by(today).values("pk"))),
    )
    return [(value, label, counts[value]) for value, label in STATUS_CHOICES]


def list_page_queryset(queryset):
    """Only what a result line shows, categories and first objective included (no query per line)."""
    return queryset.select_related("programme").only(
        "acronym", "title", "slug", "summary", "start", "end", "programme__name", "programme__slug"
    ).annotate(
        category_names=ArraySubquery(
            Project.categories.through.objects.filter(project_id=OuterRef("pk"))
            .order_by("category__name").values("category__name")
        ),
        first_objective=Subquery(
            Objective.objects.filter(project_id=OuterRef("pk")).order_by("position", "pk").values("text")[:1]
        ),
    )  # fmt: skip


def _children_text(model, *fields):
    """All of one kind of child of the outer project as one text, in their order."""
    text = fields[0] if len(fields) == 1 else Concat(*_spaced(fields), output_field=TextField())
    return Coalesce(
        Subquery(
            model.objects.filter(project_id=OuterRef("pk"))
            .order_by()
            .values("project_id")
            .annotate(text=StringAgg(text, " ", order_by=("position", "pk")))
            .values("text")
        ),
        Value(""),
        output_field=TextField(),
    )


def _spaced(fields):
    parts = []
    for name in fields:
        parts += [name, Value(" ")]
    return parts[:-1]


def search_snippets(project_ids, query):
    """{id: [(text, is_match)]} for the projects on one page, in one query."""
    if not project_ids or query is None:
        return {}
    document = Concat(
        "summary", Value(" "), _children_text(Objective, "text"), Value(" "),
        _children_text(Activity, "name", "description"), Value(" "), _children_text(Resource, "title"),
        Value(" "), _children_text(ImpactTarget, "wording"), output_field=TextField(),
    )  # fmt: skip
    return headline_snippets(Project.objects.filter(pk__in=project_ids), document, query)


# The detail page ---------------------------------------------------------------------


def project_for_page(slug):
    """The project with everything its page shows, in a fixed number of queries."""
    return (
        Project.objects.select_related("programme")
        .prefetch_related(
            "categories", "areas", "tags", "objectives", "activities", "resources", "impact_targets",
            Prefetch("partners", queryset=Partner.objects.select_related("country")), "social_links",
        )
        .filter(slug=slug)
        .first()
    )  # fmt: skip


def related_practices(project, limit=RELATED_COUNT):
    """Published practices sharing the most tags (counted double) and areas with this project."""
    shared = _most_shared(Practice.objects.published(), project)
    return list(shared.select_related("country").only("title", "slug", "place", "country__name")[:limit])


def related_modules(project, limit=RELATED_COUNT):
    """Published academy modules sharing the most tags (counted double) and areas with this project."""
    shared = _most_shared(Module.objects.published(), project, "course__position", "position")
    return list(shared.select_related("course").only("title", "slug", "course__title", "course__slug")[:limit])


def _most_shared(queryset, project, *then_by):
    """The items of `queryset` sharing tags or areas with `project`, most shared first (tags count double).

    A count over an empty id list is left out rather than filtered on
    `__in=[]`, which would make PostgreSQL never be asked and the list empty.
    """
    tag_ids = [tag.pk for tag in project.tags.all()]
    area_ids = [area.pk for area in project.areas.all()]
    if not tag_ids and not area_ids:
        return queryset.none()
    zero = Value(0, output_field=IntegerField())
    shared_tags = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True) if tag_ids else zero
    shared_areas = Count("areas", filter=Q(areas__in=area_ids), distinct=True) if area_ids else zero
    return (
        queryset.annotate(shared_tags=shared_tags, shared_areas=shared_areas)
        .filter(Q(shared_tags__gt=0) | Q(shared_areas__gt=0))
        .order_by(-(F("shared_tags") * 2 + F("shared_areas")), *then_by, "title", "pk")
    )


# The export ------------------------------------------------------------------------------


def _ordered_texts(model, text):
    """The outer project's children of `model` as a list of texts, in their order."""
    return ArraySubquery(
        model.objects.filter(project_id=OuterRef("pk"))
        .order_by("position", "pk")
        .annotate(cell_text=text)
        .values("cell_text")
    )


def _joined(*parts):
    return Concat(*parts, output_field=CharField())


def _with_detail(main, detail, before=" (", after=")"):
    """`main (detail)`, or just `main` when the detail is empty."""
    return Case(When(**{detail: ""}, then=F(main)), default=_joined(main, Value(before), detail, Value(after)))


def export_columns(request):
    """The CSV export's columns, in order, as SQL expressions over a project."""
    today = timezone.localdate()
    partner_text = Concat(
        "organisation",
        Case(When(country__isnull=True, then=Value("")), default=_joined(Value(", "), "country__name")),
        Case(When(role="", then=Value("")), default=_joined(Value(", "), "role")),
        output_field=CharField(),
    )
    target_text = Case(
        When(achieved__isnull=True, then=F("wording")),
        default=_joined("wording", Value(" (achieved: "), Cast("achieved", CharField()), Value(")")),
        output_field=CharField(),
    )
    # As of today; agrees with running_status(): an unknown end never finishes.
    status = Case(
        When(end__lt=today, then=Value(RunningStatus.FINISHED.value)),
        When(start__gt=today, then=Value(RunningStatus.NOT_STARTED.value)),
        default=Value(RunningStatus.ACTIVE.value),
        output_field=CharField(),
    )

    def names(through, name_field):
        return joined(
            ArraySubquery(through.objects.filter(project_id=OuterRef("pk")).order_by(name_field).values(name_field))
        )

    return [
        ("acronym", F("acronym")),
        ("title", F("title")),
        ("url", absolute_url(request, "projects:detail", "slug")),
        ("start", iso_day("start")),
        ("end", iso_day("end")),
        ("status", status),
        ("programme", F("programme__name")),
        ("categories", names(Project.categories.through, "category__name")),
        ("areas", names(Project.areas.through, "area__name")),
        ("objectives", joined(_ordered_texts(Objective, F("text")))),
        ("activities", joined(_ordered_texts(Activity, _with_detail("name", "description", ": ", "")))),
        ("resources", joined(_ordered_texts(Resource, _with_detail("title", "url")))),
        ("impact_targets", joined(_ordered_texts(ImpactTarget, target_text))),
        ("partners", joined(_ordered_texts(Partner, partner_text))),
        ("contact_email", F("contact_email")),
        ("website", F("website")),
    ]
