"""Reads for the public academy pages: the list's facets, a course's programme, a module's page, the export."""

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, Count, F, IntegerField, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse

from academy.models import Course, CourseFormat, Module, ModuleKind, QuizQuestion, TaggedModule
from browse.csv_export import joined
from browse.listing import build_facet, count_by
from practices.models import Practice
from projects.models import Project
from vocabulary.models import PublicationStatus

FORMAT_LABELS = dict(CourseFormat.choices)
RELATED_COUNT = 6
PUBLISHED_MODULE = Q(modules__status=PublicationStatus.PUBLISHED)


# The list --------------------------------------------------------------------


def course_facets(filterset, query):
    """Format and area facets, each counted with every other active filter applied."""
    without = filterset.queryset_without
    chosen_format = filterset.value("format")
    chosen_areas = {area.slug: area.name for area in filterset.value("area") or []}
    return [
        build_facet(
            query, "format", "Format",
            [(value, FORMAT_LABELS.get(value, value), n) for value, _, n in count_by(without("format"), "format")],
            {chosen_format: FORMAT_LABELS[chosen_format]} if chosen_format else {}, multiple=False,
        ),
        build_facet(query, "area", "Area of intervention", count_courses_by_area(without("area")), chosen_areas),
    ]  # fmt: skip


def count_courses_by_area(courses):
    """[(area slug, name, number of these courses with a published module in it)] in one query."""
    rows = (
        Module.areas.through.objects.filter(
            module__status=PublicationStatus.PUBLISHED, module__course__in=courses.order_by().values("pk")
        )
        .order_by()
        .values("area__slug", "area__name")
        .annotate(n=Count("module__course", distinct=True))
    )
    return [(row["area__slug"], row["area__name"], row["n"]) for row in rows]


def list_page_queryset(queryset):
    """What a result shows: the course's facts and how many published modules it has."""
    return queryset.annotate(module_count=Count("modules", filter=PUBLISHED_MODULE)).only(
        "title", "slug", "format", "length", "audience", "summary", "cost", "certificate", "position"
    )


# A course --------------------------------------------------------------------


@dataclass
class Programme:
    """A course's published modules as the course page groups them."""

    days: list = field(default_factory=list)  # [(day, [modules])], in day order
    electives: list = field(default_factory=list)  # elective modules offered without a fixed day
    undated: list = field(default_factory=list)  # core modules without a day (the online course's modules)

    @property
    def is_empty(self):
        return not (self.days or self.electives or self.undated)


def course_for_page(slug):
    return Course.objects.filter(slug=slug).first()


def programme(course):
    modules = list(
        Module.objects.published()
        .filter(course=course)
        .only("title", "slug", "day", "kind", "position", "duration_minutes", "summary", "course_id")
        .order_by("position", "pk")
    )
    by_day, result = {}, Programme()
    for module in modules:
        module.course = course  # for get_absolute_url, without a query per module
        if module.day is not None:
            by_day.setdefault(module.day, []).append(module)
        elif module.kind == ModuleKind.ELECTIVE:
            result.electives.append(module)
        else:
            result.undated.append(module)
    result.days = sorted(by_day.items())
    return result


# A module --------------------------------------------------------------------


def module_for_page(course_slug, module_slug):
    """The module with its course, areas, tags and answerable questions (with their options)."""
    questions = QuizQuestion.objects.ready().prefetch_related("options").order_by("position", "pk")
    return (
        Module.objects.select_related("course")
        .prefetch_related("areas", "tags", Prefetch("questions", queryset=questions, to_attr="quiz"))
        .filter(course__slug=course_slug, slug=module_slug)
        .first()
    )


def _sharing(queryset, tag_ids, area_ids):
    """`queryset` annotated with how many of these tags and areas each row shares, sharing rows only."""
    shared_tags = (
        Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
        if tag_ids
        else Value(0, output_field=IntegerField())
    )
    shared_areas = (
        Count("areas", filter=Q(areas__in=area_ids), distinct=True)
        if area_ids
        else Value(0, output_field=IntegerField())
    )
    return queryset.annotate(shared_tags=shared_tags, shared_areas=shared_areas).filter(
        Q(shared_tags__gt=0) | Q(shared_areas__gt=0)
    )


def _vocabulary_of(module):
    return [tag.pk for tag in module.tags.all()], [area.pk for area in module.areas.all()]


def related_practices(module, limit=RELATED_COUNT):
    """Published practices sharing the module's tags first, then its areas; best first."""
    tag_ids, area_ids = _vocabulary_of(module)
    if not tag_ids and not area_ids:
        return []
    practices = _sharing(Practice.objects.published(), tag_ids, area_ids)
    return list(
        practices.select_related("country")
        .only("title", "slug", "place", "country__name")
        .order_by("-shared_tags", "-shared_areas", "title", "pk")[:limit]
    )


def related_projects(module, limit=RELATED_COUNT):
    """Published projects sharing the module's tags or areas; best first."""
    tag_ids, area_ids = _vocabulary_of(module)
    if not tag_ids and not area_ids:
        return []
    projects = _sharing(Project.objects.published(), tag_ids, area_ids)
    return list(
        projects.only("acronym", "title", "slug").order_by("-shared_tags", "-shared_areas", "acronym", "pk")[:limit]
    )


# The export ------------------------------------------------------------------


def modules_of_courses(courses):
    """The published modules of these courses, in the courses' order then the programme's."""
    return (
        Module.objects.published()
        .filter(course__in=courses.order_by().values("pk"))
        .order_by("course__position", "course__title", "course_id", "position", "pk")
    )


def export_columns(request):
    """The module export's columns, in order, as SQL expressions over a module.

    Summaries go out as the Markdown editors wrote. Questions are those readers
    can answer (one correct option and at least one other).
    """
    site = request.build_absolute_uri("/").rstrip("/")
    before, between, after = _split_path(reverse("academy:module", args=["COURSE", "MODULE"]))
    module_url = Concat(
        Value(site + before), "course__slug", Value(between), "slug", Value(after), output_field=CharField()
    )

    return [
        ("course", F("course__title")),
        ("course_format", F("course__format")),
        ("module", F("title")),
        ("url", module_url),
        ("day", F("day")),
        ("kind", F("kind")),
        ("duration_minutes", F("duration_minutes")),
        ("summary", F("summary")),
        ("guide_section", F("guide_section")),
        ("video_url", F("video_url")),
        ("areas", _names(Module.areas.through.objects.filter(module_id=OuterRef("pk")), "area__name")),
        ("tags", _names(TaggedModule.objects.filter(content_object_id=OuterRef("pk")), "tag__name")),
        (
            "questions",
            joined(
                ArraySubquery(
                    QuizQuestion.objects.ready()
                    .filter(module_id=OuterRef("pk"))
                    .order_by("position", "pk")
                    .values("text")
                )
            ),
        ),
    ]


def _names(links, name_field):
    return joined(ArraySubquery(links.order_by(name_field).values(name_field)))


def _split_path(path):
    before, _, rest = path.partition("COURSE")
    between, _, after = rest.partition("MODULE")
    return before, between, after
