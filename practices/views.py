from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from browse.csv_export import csv_response, invalid_export_response
from browse.listing import (
    back_link,
    back_parameter,
    invalid_filters_context,
    kept_parameters,
    link_without,
    loosening_suggestions,
    paginate,
    pagination_context,
    ranked_sort_context,
    years_context,
)
from browse.spreadsheet import xlsx_response
from editorial.markdown import excerpt
from practices.filters import PracticeFilter
from practices.models import Practice
from practices.selectors import (
    export_columns,
    list_page_queryset,
    practice_counts,
    practice_facets,
    practice_for_page,
    related_practices,
    search_snippets,
)
from vocabulary.models import Country, PublicationStatus, Theme


@require_GET
def practice_list(request):
    query = request.GET
    filterset = PracticeFilter(query, queryset=Practice.objects.published())
    context = {"filterset": filterset, "q": query.get("q", ""), "query": query}
    if not filterset.is_valid():
        context.update(invalid_filters_context(filterset, query))
        return render(request, "practices/list.html", context, status=400)

    counts = practice_counts(filterset)
    total = counts["total"]
    page, corrected = paginate(
        filterset.ordered(filterset.qs),
        filterset.page_number,
        count=total,
        fetch=lambda ids: list_page_queryset(Practice.objects.filter(pk__in=ids)).in_bulk(),
    )
    practices = list(page.object_list)
    search = filterset.clean_search_query()
    snippets = search_snippets([p.pk for p in practices], search)
    back = back_parameter(query)
    results = [
        {"practice": p, "snippet": snippets.get(p.pk), "excerpt": "" if p.pk in snippets else excerpt(p.purpose),
         "url": p.get_absolute_url() + back}
        for p in practices
    ]  # fmt: skip
    chips = filterset.chips(query)
    context.update(
        **pagination_context(query, page),
        **ranked_sort_context(filterset, query, search),
        **years_context(filterset, query),
        total=total,
        page=page,
        corrected_page=corrected,
        results=results,
        facets=practice_facets(filterset, counts, query),
        chips=chips,
        loosen=loosening_suggestions(filterset, chips) if total == 0 else [],
        export_url=reverse("practices:export") + link_without(query, "page"),
        kept_for_search=kept_parameters(query, "q"),
    )
    return render(request, "practices/list.html", context)


@require_GET
def practice_export(request):
    filterset = PracticeFilter(request.GET, queryset=Practice.objects.published())
    if not filterset.is_valid():
        return invalid_export_response(filterset)
    return csv_response(filterset.ordered(filterset.qs), export_columns(request), "practices")


@require_GET
def practice_spreadsheet(request):
    filterset = PracticeFilter(request.GET, queryset=Practice.objects.published())
    if not filterset.is_valid():
        return invalid_export_response(filterset)
    return xlsx_response(filterset.ordered(filterset.qs), export_columns(request), "practices")


@require_GET
def practice_detail(request, slug):
    practice = practice_for_page(slug)
    if practice is None:
        raise Http404("No practice here.")
    if not practice.is_published and not request.user.has_perm("practices.view_practice"):
        raise Http404("No practice here.")
    back_url, came_from_list = back_link(reverse("practices:list"), request.GET.get("back", ""))
    context = {
        "practice": practice,
        "types": practice.types.all(),
        "areas": practice.areas.all(),
        "tags": practice.tags.all(),
        "references": practice.references.all(),
        "related": related_practices(practice),
        "back_url": back_url,
        "came_from_list": came_from_list,
    }
    return render(request, "practices/detail.html", context)


@require_GET
def home(request):
    published = Q(practices__status=PublicationStatus.PUBLISHED)
    themes = Theme.objects.annotate(practice_count=Count("practices", filter=published)).filter(practice_count__gt=0)
    countries = (
        Country.objects.annotate(practice_count=Count("practices", filter=published))
        .filter(practice_count__gt=0)
        .order_by("name")
    )
    context = {
        "themes": themes,
        "countries": countries,
        "total": Practice.objects.published().count(),
        "european_level": Practice.objects.published().filter(level="european").count(),
    }
    return render(request, "home.html", context)
