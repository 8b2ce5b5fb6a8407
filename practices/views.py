from urllib.parse import parse_qsl

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from compendium.csv_export import csv_response
from compendium.listing import link_replacing, link_without, page_links, paginate
from practices.filters import PracticeFilter
from practices.models import Practice
from practices.selectors import (
    excerpt,
    export_columns,
    list_page_queryset,
    practice_counts,
    practice_facets,
    practice_for_page,
    related_practices,
    search_snippets,
)


@require_GET
def practice_list(request):
    query = request.GET
    filterset = PracticeFilter(query, queryset=Practice.objects.published())
    context = {"filterset": filterset, "q": query.get("q", ""), "query": query}
    if not filterset.is_valid():
        context["errors"] = filterset.error_messages()
        context["error_fixes"] = [
            (name, link_without(query, name)) for name in filterset.form.errors if name in filterset.form.fields
        ]
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
    back = urlencode({"back": query.urlencode()}) if query else ""
    results = [
        {"practice": p, "snippet": snippets.get(p.pk), "excerpt": "" if p.pk in snippets else excerpt(p.purpose),
         "url": p.get_absolute_url() + (f"?{back}" if back else "")}
        for p in practices
    ]  # fmt: skip
    chips = filterset.chips(query)
    context.update(
        total=total,
        page=page,
        page_links=page_links(query, page) if page.paginator.num_pages > 1 else [],
        previous_url=link_replacing(query, "page", page.previous_page_number()) if page.has_previous() else None,
        next_url=link_replacing(query, "page", page.next_page_number()) if page.has_next() else None,
        corrected_page=corrected,
        results=results,
        facets=practice_facets(filterset, counts, query),
        chips=chips,
        loosen=_loosening_suggestions(filterset, chips) if total == 0 else [],
        sort=filterset.effective_sort(),
        sort_choices=[c for c in filterset.form.fields["sort"].choices if c[0] != "relevance" or search is not None],
        relevance_without_search=filterset.sort == "relevance" and search is None,
        export_url=reverse("practices:export") + link_without(query, "page"),
        year_from=filterset.value("year_from"),
        year_to=filterset.value("year_to"),
        kept_for_search=[(k, v) for k in query for v in query.getlist(k) if k not in ("q", "page")],
        kept_for_years=[(k, v) for k in query for v in query.getlist(k) if k not in ("year_from", "year_to", "page")],
        kept_for_sort=[(k, v) for k in query for v in query.getlist(k) if k not in ("sort", "page")],
    )
    return render(request, "practices/list.html", context)


def _loosening_suggestions(filterset, chips):
    """For an empty result: each active filter, with how many practices there are without it."""
    suggestions = []
    for name in dict.fromkeys(chip.name for chip in chips):
        label = filterset.filters[name].label
        count = filterset.queryset_without(name).count()
        suggestions.append({"label": label, "count": count, "url": link_without(filterset.data, name)})
    return suggestions


@require_GET
def practice_export(request):
    filterset = PracticeFilter(request.GET, queryset=Practice.objects.published())
    if not filterset.is_valid():
        reasons = "\n".join(filterset.error_messages())
        return HttpResponse(
            f"Invalid export parameters:\n{reasons}\n", status=400, content_type="text/plain; charset=utf-8"
        )
    return csv_response(filterset.ordered(filterset.qs), export_columns(request), "practices")


@require_GET
def practice_detail(request, slug):
    practice = practice_for_page(slug)
    if practice is None:
        raise Http404("No practice here.")
    if not practice.is_published and not request.user.has_perm("practices.view_practice"):
        raise Http404("No practice here.")
    back_query = _safe_back_query(request.GET.get("back", ""))
    context = {
        "practice": practice,
        "types": practice.types.all(),
        "areas": practice.areas.all(),
        "tags": practice.tags.all(),
        "references": practice.references.all(),
        "related": related_practices(practice),
        "back_url": reverse("practices:list") + (f"?{back_query}" if back_query else ""),
        "came_from_list": bool(back_query),
    }
    return render(request, "practices/detail.html", context)


def _safe_back_query(raw):
    """Only a query string for the list, re-encoded, so `back` cannot point elsewhere."""
    pairs = [(k, v) for k, v in parse_qsl(raw.lstrip("?"), keep_blank_values=False) if "\x00" not in k + v]
    return urlencode(pairs[:100])
