"""The project list, declared once: its facets, its result lines, its export."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, CharField, F, Func, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy

from browse.columns import absolute_url, iso_day, joined, label_in_language, sorted_names
from browse.facets import ComputedFacet, FieldFacet, LinkFacet, count_by
from browse.lists import Listing, OtherForm
from browse.search import headline_snippets, joined_texts
from editorial.translation import columns, in_page_language, shown_excerpt, shown_text
from projects.filters import STATUS_CHOICES, ProjectFilter
from projects.models import (
    Activity,
    Category,
    ImpactTarget,
    Objective,
    Partner,
    Project,
    Resource,
    RunningStatus,
    TaggedProject,
)
from vocabulary.models import Area
from vocabulary.names import country_labels, names_of


def count_by_status(projects):
    """[(status, label, count)] for the statuses a reader may filter by, as of today."""
    counted = {value: n for value, _, n in count_by(projects.with_running_status(timezone.localdate()),
                                                     "running_status")}  # fmt: skip
    return [(value, label, counted.get(value, 0)) for value, label in STATUS_CHOICES]


class ProjectList(Listing):
    key = "projects"
    filterset_class = ProjectFilter
    template_name = "projects/list.html"
    list_url_name = "projects:list"
    export_url_name = "projects:export"
    export_name = "projects"
    dictionary_url_name = "projects:export-columns"
    datapackage_url_name = "projects:datapackage"
    other_forms = (
        OtherForm(gettext_lazy("As a spreadsheet (.xlsx)"), "projects:export_xlsx", most="SPREADSHEET_MAX_ROWS"),
    )
    sources = (
        ("LIAISON – Mutual Learning for Intercultural Appreciation and Strengthened Organisational Networks: "
         "the project's page at CESIE, its coordinator", ""),
        ("LIAISON – Mutual Learning for Intercultural Appreciation and Strengthened Organisational Networks: "
         "the project's page at a partner", ""),
    )  # fmt: skip
    noun, plural = gettext_lazy("project"), gettext_lazy("projects")
    count_phrases = ngettext_lazy("%(number)s project", "%(number)s projects", "count")
    match_phrases = ngettext_lazy("%(number)s project matches", "%(number)s projects match", "count")
    title = gettext_lazy("Projects")
    search_label = gettext_lazy("Search the projects")
    search_placeholder = gettext_lazy("e.g. dialogue, skill maps, hate speech")
    default_order = gettext_lazy("acronym order")
    facets = (
        LinkFacet(
            "category",
            gettext_lazy("Category"),
            Project.categories.through,
            "project",
            "category__slug",
            "category__name",
            relabel=names_of("categories"),
        ),
        LinkFacet(
            "area",
            gettext_lazy("Area of intervention"),
            Project.areas.through,
            "project",
            "area__slug",
            "area__name",
            relabel=names_of("areas"),
        ),
        LinkFacet("tag", gettext_lazy("Tag"), TaggedProject, "content_object", "tag__slug", "tag__name"),
        FieldFacet("programme", gettext_lazy("Funding programme"), "programme__slug", "programme__name"),
        ComputedFacet("status", gettext_lazy("Status today"), count_by_status),
    )

    def items(self):
        return Project.objects.published()

    def rows(self, queryset):
        """Only what a result line shows, categories and first objective included (no query per line)."""
        return (
            queryset.select_related("programme")
            .only(
                "acronym", *columns(("title", "summary")), "slug", "start", "end", "programme__name", "programme__slug"
            )
            .annotate(
                category_names=ArraySubquery(
                    Project.categories.through.objects.filter(project_id=OuterRef("pk"))
                    .order_by("category__name").values("category__name")
                ),
                first_objective=Subquery(
                    Objective.objects.filter(project_id=OuterRef("pk")).order_by("position", "pk").values("text")[:1]
                ),
                first_objective_fr=Subquery(
                    Objective.objects.filter(project_id=OuterRef("pk")).order_by("position", "pk").values("text_fr")[:1]
                ),
            )
        )  # fmt: skip

    def snippets(self, ids, query):
        document = joined_texts(
            in_page_language("summary"), children_text(Objective, in_page_language("text")),
            children_text(Activity, joined_texts(in_page_language("name"), in_page_language("description"))),
            children_text(Resource, F("title")), children_text(ImpactTarget, F("wording")),
        )  # fmt: skip
        plain = Func(document, function="markdown_plain", output_field=TextField())
        return headline_snippets(Project.objects.filter(pk__in=ids), plain, query)

    def excerpt(self, project):
        return shown_excerpt(project, "summary" if shown_text(project, "summary") else "first_objective")

    def export_items(self, filterset):
        return filterset.ordered(filterset.qs).with_running_status(timezone.localdate())

    def export_columns(self, request):
        # Labels (status, categories, areas, partners' countries, "achieved") in the page's language.
        partner_country = label_in_language(F("country_id"), country_labels(), F("country__name"))
        partner_text = Concat(
            "organisation",
            Case(When(country__isnull=True, then=Value("")), default=_joined(Value(", "), partner_country)),
            Case(When(role="", then=Value("")), default=_joined(Value(", "), "role")),
            output_field=CharField(),
        )
        achieved = gettext("achieved:")
        target_text = Case(
            When(achieved__isnull=True, then=F("wording")),
            default=_joined("wording", Value(f" ({achieved} "), Cast("achieved", CharField()), Value(")")),
            output_field=CharField(),
        )
        return [
            ("acronym", F("acronym")),
            ("title", F("title")),
            ("url", absolute_url(request, "projects:detail", "slug")),
            ("start", iso_day("start")),
            ("end", iso_day("end")),
            ("status", label_in_language(F("running_status"), dict(RunningStatus.choices))),
            ("programme", F("programme__name")),
            ("categories", sorted_names(_links(Project.categories.through), "category__name", Category)),
            ("areas", sorted_names(_links(Project.areas.through), "area__name", Area)),
            ("objectives", joined(_children(Objective, F("text")))),
            ("activities", joined(_children(Activity, _with_detail("name", "description", ": ", "")))),
            ("resources", joined(_children(Resource, _with_detail("title", "url")))),
            ("impact_targets", joined(_children(ImpactTarget, target_text))),
            ("partners", joined(_children(Partner, partner_text))),
            ("contact_email", F("contact_email")),
            ("website", F("website")),
        ]

    # What each column of the export holds, in the export's order: the data dictionary's page.
    export_dictionary = (
        ("acronym", gettext_lazy("The project's acronym.")),
        ("title", gettext_lazy("The project's full title.")),
        ("url", gettext_lazy("The project's page on this site.")),
        ("start", gettext_lazy("First day of the project (YYYY-MM-DD); empty when not known.")),
        ("end", gettext_lazy("Last day of the project (YYYY-MM-DD); empty when not known.")),
        ("status", gettext_lazy("Where the project stands on the day of the export, from its dates: active, "
                                "finished or not started.")),
        ("programme", gettext_lazy("The funding programme.")),
        ("categories", gettext_lazy("Categories, separated by “; ”.")),
        ("areas", gettext_lazy("Areas of intervention from the shared vocabulary, separated by “; ”.")),
        ("objectives", gettext_lazy("Objectives, in the project's order, separated by “; ”.")),
        ("activities", gettext_lazy("Activities, each “name: description”, separated by “; ”.")),
        ("resources", gettext_lazy("Resources the project published, each with its address in brackets when "
                                   "known, separated by “; ”.")),
        ("impact_targets", gettext_lazy("Impact targets as published, each with the figure achieved in brackets "
                                        "when known, separated by “; ”.")),
        ("partners", gettext_lazy("Partner organisations, each with its country and role when known, "
                                  "separated by “; ”.")),
        ("contact_email", gettext_lazy("The project's contact e-mail address.")),
        ("website", gettext_lazy("The project's own website.")),
    )  # fmt: skip


PROJECT_LIST = ProjectList()


def _children(model, text):
    """The outer project's children of `model` as a list of texts, in their order."""
    return ArraySubquery(
        model.objects.filter(project_id=OuterRef("pk")).order_by("position", "pk").annotate(cell=text).values("cell")
    )


def children_text(model, text):
    """All of one kind of child of the outer project as one text, in their order."""
    return joined(_children(model, text), separator=" ")


def _links(through):
    return through.objects.filter(project_id=OuterRef("pk"))


def _joined(*parts):
    return Concat(*parts, output_field=CharField())


def _with_detail(main, detail, before=" (", after=")"):
    """`main (detail)`, or just `main` when the detail is empty."""
    return Case(When(**{detail: ""}, then=F(main)), default=_joined(main, Value(before), detail, Value(after)))
