"""The academy's course list, declared once: its facets, its result lines, the module export; the API's module list."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from academy.filters import CourseFilter, ModuleFilter
from academy.models import Course, CourseFormat, Module, ModuleKind, QuizQuestion, TaggedModule
from browse.columns import absolute_url, joined, label_in_language, sorted_names
from browse.facets import ComputedFacet, FieldFacet, LinkFacet
from browse.lists import Listing, OtherForm
from editorial.models import PublicationStatus
from editorial.translation import columns
from vocabulary.models import Area
from vocabulary.names import names_of


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


class CourseList(Listing):
    key = "courses"
    filterset_class = CourseFilter
    template_name = "academy/list.html"
    list_url_name = "academy:list"
    export_url_name = "academy:export"
    export_name = "academy-modules"
    dictionary_url_name = "academy:export-columns"
    datapackage_url_name = "academy:datapackage"
    other_forms = (OtherForm(_("The modules as a spreadsheet (.xlsx)"), "academy:export_xlsx"),)
    sources = (
        ("Intercultural Cities: the Intercultural Integration Academy (the 5-day course's page)", ""),
        ("Intercultural Cities: online training on the guide The intercultural city step by step "
         "(the online course's page)", ""),
    )  # fmt: skip
    export_noun, export_plural = _("module"), _("modules")
    export_texts = _("The summary is Markdown, as its editors wrote it.")
    noun, plural = _("course"), _("courses")
    count_phrases = ngettext_lazy("%(number)s course", "%(number)s courses", "count")
    match_phrases = ngettext_lazy("%(number)s course matches", "%(number)s courses match", "count")
    title = _("Intercultural Cities academy")
    search_label = _("Search the courses and their modules")
    search_placeholder = _("e.g. anti-rumour, business, stakeholders")
    search_help = _(
        "Search looks for each word you type in the courses' titles and texts "
        "and in their modules' titles and summaries."
    )
    export_label = _("Export the modules as CSV")
    facets = (
        FieldFacet("format", _("Format"), "format", labels=dict(CourseFormat.choices)),
        ComputedFacet(
            "area", _("Area of intervention"), count_courses_by_area, multiple=True, relabel=names_of("areas")
        ),
    )

    def items(self):
        return Course.objects.published()

    def search_context(self, filterset):
        """A search finds modules first: each matching module, linked, above the courses."""
        return {"matching_modules": list(filterset.matching_modules()[:50])}

    def rows(self, queryset):
        """What a result shows: the course's facts and how many published modules it has."""
        published_module = Q(modules__status=PublicationStatus.PUBLISHED)
        return queryset.annotate(module_count=Count("modules", filter=published_module)).only(
            *columns(("title", "length", "audience", "summary", "cost", "certificate")), "slug", "format", "position"
        )

    def export_items(self, filterset):
        """The published modules of the listed courses, in the courses' order then the programme's."""
        return (
            Module.objects.published()
            .filter(course__in=filterset.qs.order_by().values("pk"))
            .order_by("course__position", "course__title", "course_id", "position", "pk")
        )

    def export_columns(self, request):
        """The module export's columns. Questions are those readers can answer. Labels in the page's language."""
        return [
            ("course", F("course__title")),
            ("course_format", label_in_language(F("course__format"), dict(CourseFormat.choices))),
            ("module", F("title")),
            ("url", absolute_url(request, "academy:module", "course__slug", "slug")),
            ("day", F("day")),
            ("kind", label_in_language(F("kind"), dict(ModuleKind.choices))),
            ("duration_minutes", F("duration_minutes")),
            ("summary", F("summary")),
            ("guide_section", F("guide_section")),
            ("video_url", F("video_url")),
            (
                "areas",
                sorted_names(Module.areas.through.objects.filter(module_id=OuterRef("pk")), "area__name", Area),
            ),
            ("tags", sorted_names(TaggedModule.objects.filter(content_object_id=OuterRef("pk")), "tag__name")),
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

    # What each column of the module export holds, in the export's order: the data dictionary's page.
    export_dictionary = (
        ("course", _("The title of the course the module belongs to.")),
        ("course_format", _("The course's format: in-person-intensive or online-self-paced.")),
        ("module", _("The module's title.")),
        ("url", _("The module's page on this site.")),
        ("day", _("The day of the course (1 to 5) the module is given on, for the in-person academy; "
                "empty otherwise.")),
        ("kind", _("core or elective.")),
        ("duration_minutes", _("How long the module takes, in minutes; empty when not known.")),
        ("summary", _("What the module covers, as its editors wrote it (Markdown).")),
        ("guide_section", _("The section of the guide The intercultural city step by step the module follows.")),
        ("video_url", _("The address of the module's video.")),
        ("areas", _("Areas of intervention from the shared vocabulary, separated by “; ”.")),
        ("tags", _("Tags, separated by “; ”.")),
        ("questions", _("The module's quiz questions readers can answer, in order, separated by “; ”.")),
    )  # fmt: skip


COURSE_LIST = CourseList()


class ModuleList(Listing):
    """The published modules of published courses, listed by the API only (no page, no export)."""

    key = "modules"
    filterset_class = ModuleFilter
    noun, plural = _("module"), _("modules")
    count_phrases = ngettext_lazy("%(number)s module", "%(number)s modules", "count")
    match_phrases = ngettext_lazy("%(number)s module matches", "%(number)s modules match", "count")
    facets = (
        FieldFacet("course", _("Course"), "course__slug", "course__title", multiple=True),
        LinkFacet(
            "area",
            _("Area of intervention"),
            Module.areas.through,
            "module",
            "area__slug",
            "area__name",
            relabel=names_of("areas"),
        ),
        LinkFacet("tag", _("Tag"), TaggedModule, "content_object", "tag__slug", "tag__name"),
        FieldFacet("kind", _("Kind"), "kind", labels=dict(ModuleKind.choices)),
    )

    def items(self):
        return Module.objects.published()


MODULE_LIST = ModuleList()
