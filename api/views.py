"""The API's answers: lists with the pages' filters, facets and keyset pages; items by slug; the vocabulary.

A list validates its query with the list's own FilterSet, so a bad filter is
a 400 with the very messages the page shows, as {"errors": [...]}. Besides
the filters it takes `cursor` (from the previous answer's `next` link) and
`page_size`; any other parameter is refused rather than silently ignored.
Every answer carries ETag and Last-Modified and may be a 304.
"""

from django import forms
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response
from taggit.models import Tag

from academy.models import CourseFormat, Module, ModuleKind, TaggedModule
from api import schema
from api.conditional import conditional
from api.cursors import MAX_CURSOR_LENGTH, CursorError, decode_cursor, encode_cursor
from api.endpoints import COURSES, MODULES, PRACTICES, PROJECTS
from api.errors import errors_response
from api.keyset import Keyset
from api.schema import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from browse.links import link_replacing
from editorial.models import PublicationStatus
from practices.models import Level, TaggedPractice
from projects.models import Category, FundingProgramme, TaggedProject
from vocabulary.models import Area, Country, PracticeType, Theme

API_PARAMETERS = ("cursor", "page_size")
READ = ["GET", "HEAD"]


class PagingForm(forms.Form):
    cursor = forms.CharField(
        required=False, max_length=MAX_CURSOR_LENGTH, strip=False,
        error_messages={"max_length": "This cursor is not one the API gave: follow the `next` link as it is."},
    )  # fmt: skip
    page_size = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE,
        error_messages={
            "invalid": "The page size must be a whole number.",
            "min_value": "Pages hold at least 1 item.",
            "max_value": f"Pages hold at most {MAX_PAGE_SIZE} items.",
        },
    )  # fmt: skip

    def messages(self):
        return [f"{name}: {error}" for name, errors in self.errors.items() for error in errors]


BAD_CURSOR = "cursor: This cursor is not one the API gave for this order: follow the `next` link as it is."


def unknown_parameters(query, accepted):
    """A message for each parameter of `query` not in `accepted`."""
    takes = f"this address takes {', '.join(accepted)}" if accepted else "this address takes no parameter"
    messages = []
    for name in query:
        if name == "page":
            messages.append("page: The API has no page numbers: follow each answer's `next` link.")
        elif name not in accepted:
            messages.append(f"Unknown parameter “{name[:40]}”: {takes}.")
    return messages


def list_answer(request, endpoint):
    return conditional(request, lambda: _list_answer(request, endpoint))


def _list_answer(request, endpoint):
    listing, query = endpoint.listing, request.GET
    filter_query = QueryDict(mutable=True)
    for name in query:
        if name not in (*API_PARAMETERS, "page"):
            filter_query.setlist(name, query.getlist(name))
    filterset = listing.filterset(filter_query)
    paging = PagingForm(query)
    accepted = [name for name in filterset.form.fields if name != "page"] + list(API_PARAMETERS)
    errors = unknown_parameters(query, accepted)
    if not filterset.is_valid():
        errors += filterset.error_messages()
    if not paging.is_valid():
        errors += paging.messages()
    if errors:
        return errors_response(errors, 400)

    keyset = Keyset(endpoint.rows(filterset.ordered(filterset.qs)))
    sort = filterset.effective_sort()
    after = None
    if paging.cleaned_data["cursor"]:
        try:
            cursor_sort, after = decode_cursor(paging.cleaned_data["cursor"])
            if cursor_sort != sort:
                raise CursorError("another order")
            keyset.check(after)
        except CursorError:
            return errors_response([BAD_CURSOR], 400)

    size = paging.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE
    counts = listing.counts(filterset)
    items = None
    if filterset.ranks_by_relevance():  # read off the matches the counts read (browse/ranking.py)
        order = listing.relevance_order(filterset)
        bottom = 0 if after is None else order.place_after(after[0], after[-1])
        if bottom is not None:
            items = keyset.items(order.page(bottom, size + 1))
    if items is None:
        items = keyset.page(after, size)
    list_url = request.build_absolute_uri(request.path)
    next_url = None
    if len(items) > size:
        items = items[:size]
        next_url = list_url + link_replacing(query, "cursor", encode_cursor(sort, keyset.values_of(items[-1])))
    # Facet links start again from the first page.
    first_page = query.copy()
    first_page.pop("cursor", None)
    selected = filterset.selected_values()
    facets = [spec.build(first_page, counts[spec.key], selected.get(spec.key, {})) for spec in listing.facets]
    return Response({
        "count": counts["total"],
        "sort": sort,
        "next": next_url,
        "facets": [
            {"key": facet.key, "title": facet.title, "values": [
                {"value": value.value, "label": value.label, "count": value.count, "selected": value.selected,
                 "url": list_url + value.url}
                for value in facet.values
            ]}
            for facet in facets
        ],
        "results": endpoint.serializer(items, many=True, context={"request": request}).data,
    })  # fmt: skip


def detail_answer(request, endpoint, **lookup):
    def answer():
        errors = unknown_parameters(request.GET, ())
        if errors:
            return errors_response(errors, 400)
        item = endpoint.item(**lookup)
        if item is None:
            address = "/".join(lookup.values())
            return errors_response([f"No published {endpoint.listing.noun} has the address “{address}”."], 404)
        return Response(endpoint.detail_serializer(item, context={"request": request}).data)

    return conditional(request, answer)


# Schemas of the answers -------------------------------------------------------


def page_of(name, item_serializer):
    facet_value = inline_serializer(f"{name}FacetValue", many=True, fields={
        "value": serializers.CharField(help_text="What the facet's filter takes."),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(help_text="Matching items with this value, the other filters applied."),
        "selected": serializers.BooleanField(),
        "url": serializers.URLField(help_text="This list with the value added, or removed when selected."),
    })  # fmt: skip
    facet = inline_serializer(f"{name}Facet", many=True, fields={
        "key": serializers.CharField(help_text="The filter it counts for."),
        "title": serializers.CharField(),
        "values": facet_value,
    })  # fmt: skip
    return inline_serializer(f"{name}Page", fields={
        "count": serializers.IntegerField(help_text="Matching items in all."),
        "sort": serializers.CharField(help_text="The order in force, as `sort` takes it (empty: the usual order)."),
        "next": serializers.URLField(allow_null=True, help_text="The next page, null on the last."),
        "facets": facet,
        "results": item_serializer(many=True),
    })  # fmt: skip


def list_schema(endpoint, name, description):
    return extend_schema(
        operation_id=f"{endpoint.listing.plural}_list",
        summary=f"List the {endpoint.listing.plural}",
        description=description,
        parameters=schema.list_parameters(endpoint.listing) + schema.VALIDATORS,
        responses=schema.answers(page_of(name, endpoint.serializer)),
    )


def detail_schema(endpoint, *path_parameters):
    return extend_schema(
        operation_id=f"{endpoint.listing.noun}_detail",
        summary=f"One {endpoint.listing.noun}",
        parameters=[*path_parameters, *schema.CONDITIONAL_HEADERS, *schema.VALIDATORS],
        responses=schema.answers(endpoint.detail_serializer, not_found=True),
    )


def slug_parameter(name, what):
    description = f"The {what}'s slug, as in its page's address."
    return OpenApiParameter(name, type=SLUG, location=OpenApiParameter.PATH, description=description)


SLUG = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}


# The endpoints ----------------------------------------------------------------


@list_schema(PRACTICES, "Practice", "The good practices of the compendium, with the filters of /practices/.")
@api_view(READ)
def practice_list(request):
    return list_answer(request, PRACTICES)


@detail_schema(PRACTICES, slug_parameter("slug", "practice"))
@api_view(READ)
def practice_detail(request, slug):
    return detail_answer(request, PRACTICES, slug=slug)


@list_schema(PROJECTS, "Project", "The EU-funded projects, with the filters of /projects/.")
@api_view(READ)
def project_list(request):
    return list_answer(request, PROJECTS)


@detail_schema(PROJECTS, slug_parameter("slug", "project"))
@api_view(READ)
def project_detail(request, slug):
    return detail_answer(request, PROJECTS, slug=slug)


@list_schema(COURSES, "Course", "The academy's courses, with the filters of /academy/.")
@api_view(READ)
def course_list(request):
    return list_answer(request, COURSES)


@detail_schema(COURSES, slug_parameter("slug", "course"))
@api_view(READ)
def course_detail(request, slug):
    return detail_answer(request, COURSES, slug=slug)


@list_schema(MODULES, "Module", "The published modules of the academy's courses.")
@api_view(READ)
def module_list(request):
    return list_answer(request, MODULES)


@detail_schema(MODULES, slug_parameter("course_slug", "course"), slug_parameter("module_slug", "module"))
@api_view(READ)
def module_detail(request, course_slug, module_slug):
    return detail_answer(request, MODULES, course__slug=course_slug, slug=module_slug)


# The vocabulary and the index ------------------------------------------------


class VocabularySerializer(serializers.Serializer):
    themes = schema.vocabulary_list("theme", "slug", "title", "description")
    countries = schema.vocabulary_list("country", "code", "name")
    levels = schema.vocabulary_list("level", "value", "label")
    areas = schema.vocabulary_list("area", "slug", "name")
    practice_types = schema.vocabulary_list("type", "slug", "name")
    tags = schema.vocabulary_list("tag", "slug", "name")
    categories = schema.vocabulary_list("category", "slug", "name")
    programmes = schema.vocabulary_list("programme", "slug", "name", "directorate", "full_wording")
    course_formats = schema.vocabulary_list("format", "value", "label")
    module_kinds = schema.vocabulary_list("kind", "value", "label")


def published_tags():
    """Tags of at least one published practice, project or module (a draft's tags stay unknown)."""
    published = PublicationStatus.PUBLISHED
    return Tag.objects.filter(
        Exists(TaggedPractice.objects.filter(tag=OuterRef("pk"), content_object__status=published))
        | Exists(TaggedProject.objects.filter(tag=OuterRef("pk"), content_object__status=published))
        | Exists(TaggedModule.objects.filter(tag=OuterRef("pk"), content_object__in=Module.objects.published()))
    ).order_by("name", "pk")


def choices(pairs):
    return [{"value": value, "label": str(label)} for value, label in pairs]


@extend_schema(
    summary="The vocabulary",
    description="Every value the lists' filters take from the data, with its name.",
    parameters=[*schema.CONDITIONAL_HEADERS, *schema.VALIDATORS],
    responses=schema.answers(VocabularySerializer),
)
@api_view(READ)
def vocabulary(request):
    def answer():
        errors = unknown_parameters(request.GET, ())
        if errors:
            return errors_response(errors, 400)
        return Response({
            "themes": list(Theme.objects.order_by("position").values("slug", "title", "description")),
            "countries": list(Country.objects.order_by("name").values("code", "name")),
            "levels": choices(Level.choices),
            "areas": list(Area.objects.order_by("name").values("slug", "name")),
            "practice_types": list(PracticeType.objects.order_by("name").values("slug", "name")),
            "tags": list(published_tags().values("slug", "name")),
            "categories": list(Category.objects.order_by("name").values("slug", "name")),
            "programmes": list(
                FundingProgramme.objects.order_by("name").values("slug", "name", "directorate", "full_wording")
            ),
            "course_formats": choices(CourseFormat.choices),
            "module_kinds": choices(ModuleKind.choices),
        })  # fmt: skip

    return conditional(request, answer)


@extend_schema(
    summary="The API's addresses",
    parameters=[*schema.CONDITIONAL_HEADERS, *schema.VALIDATORS],
    responses=schema.answers(
        inline_serializer(
            "Index",
            fields={
                name: serializers.URLField()
                for name in ("practices", "projects", "courses", "modules", "vocabulary", "schema", "documentation")
            },
        )
    ),
)
@api_view(READ)
def index(request):
    def answer():
        errors = unknown_parameters(request.GET, ())
        if errors:
            return errors_response(errors, 400)
        names = {"practices": "practices", "projects": "projects", "courses": "courses", "modules": "modules",
                 "vocabulary": "vocabulary", "schema": "schema", "documentation": "docs"}  # fmt: skip
        return Response({key: request.build_absolute_uri(reverse(f"api:{name}")) for key, name in names.items()})

    return conditional(request, answer)


@require_safe
def docs(request):
    """The API's documentation: Swagger UI from our own static files, started by our own script."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
