from urllib.parse import parse_qsl

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from compendium.csv_export import csv_response
from compendium.listing import link_replacing, link_without, page_links, paginate
from projects.filters import ProjectFilter
from projects.models import Project
from projects.selectors import (
    excerpt,
    export_columns,
    list_page_queryset,
    project_facets,
    project_for_page,
    related_modules,
    related_practices,
    search_snippets,
)


@require_GET
def project_list(request):
    query = request.GET
    filterset = ProjectFilter(query, queryset=Project.objects.published())
    context = {"filterset": filterset, "q": query.get("q", ""), "query": query}
    if not filterset.is_valid():
        context["errors"] = filterset.error_messages()
        context["error_fixes"] = [
            (name, link_without(query, name)) for name in filterset.form.errors if name in filterset.form.fields
        ]
        return render(request, "projects/list.html", context, status=400)

    matching = filterset.qs
    total = matching.count()
    page, corrected = paginate(list_page_queryset(filterset.ordered(matching)), filterset.page_number, count=total)
    projects = list(page.object_list)
    search = filterset.clean_search_query()
    snippets = search_snippets([p.pk for p in projects], search)
    back = urlencode({"back": query.urlencode()}) if query else ""
    results = [
        {
            "project": project,
            "snippet": snippets.get(project.pk),
            "excerpt": "" if project.pk in snippets else excerpt(project.summary or project.first_objective or ""),
            "url": project.get_absolute_url() + (f"?{back}" if back else ""),
        }
        for project in projects
    ]
    chips = filterset.chips(query)
    context.update(
        total=total,
        page=page,
        page_links=page_links(query, page) if page.paginator.num_pages > 1 else [],
        previous_url=link_replacing(query, "page", page.previous_page_number()) if page.has_previous() else None,
        next_url=link_replacing(query, "page", page.next_page_number()) if page.has_next() else None,
        corrected_page=corrected,
        results=results,
        facets=project_facets(filterset, query),
        chips=chips,
        loosen=_loosening_suggestions(filterset, chips) if total == 0 else [],
        sort=filterset.effective_sort(),
        sort_choices=[c for c in filterset.form.fields["sort"].choices if c[0] != "relevance" or search is not None],
        relevance_without_search=filterset.sort == "relevance" and search is None,
        export_url=reverse("projects:export") + link_without(query, "page"),
        year_from=filterset.value("year_from"),
        year_to=filterset.value("year_to"),
        kept_for_search=[(k, v) for k in query for v in query.getlist(k) if k not in ("q", "page")],
        kept_for_years=[(k, v) for k in query for v in query.getlist(k) if k not in ("year_from", "year_to", "page")],
        kept_for_sort=[(k, v) for k in query for v in query.getlist(k) if k not in ("sort", "page")],
    )
    return render(request, "projects/list.html", context)


def _loosening_suggestions(filterset, chips):
    """For an empty result: each active filter, with how many projects there are without it."""
    suggestions = []
    for name in dict.fromkeys(chip.name for chip in chips):
        label = filterset.filters[name].label
        count = filterset.queryset_without(name).count()
        suggestions.append({"label": label, "count": count, "url": link_without(filterset.data, name)})
    return suggestions


@require_GET
def project_export(request):
    filterset = ProjectFilter(request.GET, queryset=Project.objects.published())
    if not filterset.is_valid():
        reasons = "\n".join(filterset.error_messages())
        return HttpResponse(
            f"Invalid export parameters:\n{reasons}\n", status=400, content_type="text/plain; charset=utf-8"
        )
    return csv_response(filterset.ordered(filterset.qs), export_columns(request), "projects")


@require_GET
def project_detail(request, slug):
    project = project_for_page(slug)
    if project is None:
        raise Http404("No project here.")
    if not project.is_published and not request.user.has_perm("projects.view_project"):
        raise Http404("No project here.")
    back_query = _safe_back_query(request.GET.get("back", ""))
    context = {
        "project": project,
        "status_today": project.running_status_on(timezone.localdate()),
        "categories": project.categories.all(),
        "areas": project.areas.all(),
        "tags": project.tags.all(),
        "objectives": project.objectives.all(),
        "activities": project.activities.all(),
        "resources": project.resources.all(),
        "impact_targets": project.impact_targets.all(),
        "partners": project.partners.all(),
        "social_links": project.social_links.all(),
        "related_practices": related_practices(project),
        "related_modules": related_modules(project),
        "back_url": reverse("projects:list") + (f"?{back_query}" if back_query else ""),
        "came_from_list": bool(back_query),
    }
    return render(request, "projects/detail.html", context)


def _safe_back_query(raw):
    """Only a query string for the list, re-encoded, so `back` cannot point elsewhere."""
    pairs = [(k, v) for k, v in parse_qsl(raw.lstrip("?"), keep_blank_values=False) if "\x00" not in k + v]
    return urlencode(pairs[:100])
