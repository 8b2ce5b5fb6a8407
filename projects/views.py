from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
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
from projects.filters import ProjectFilter
from projects.models import Project
from projects.selectors import (
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
        context.update(invalid_filters_context(filterset, query))
        return render(request, "projects/list.html", context, status=400)

    matching = filterset.qs
    total = matching.count()
    page, corrected = paginate(list_page_queryset(filterset.ordered(matching)), filterset.page_number, count=total)
    projects = list(page.object_list)
    search = filterset.clean_search_query()
    snippets = search_snippets([p.pk for p in projects], search)
    back = back_parameter(query)
    results = [
        {
            "project": project,
            "snippet": snippets.get(project.pk),
            "excerpt": "" if project.pk in snippets else excerpt(project.summary or project.first_objective or ""),
            "url": project.get_absolute_url() + back,
        }
        for project in projects
    ]
    chips = filterset.chips(query)
    context.update(
        **pagination_context(query, page),
        **ranked_sort_context(filterset, query, search),
        **years_context(filterset, query),
        total=total,
        page=page,
        corrected_page=corrected,
        results=results,
        facets=project_facets(filterset, query),
        chips=chips,
        loosen=loosening_suggestions(filterset, chips) if total == 0 else [],
        export_url=reverse("projects:export") + link_without(query, "page"),
        kept_for_search=kept_parameters(query, "q"),
    )
    return render(request, "projects/list.html", context)


@require_GET
def project_export(request):
    filterset = ProjectFilter(request.GET, queryset=Project.objects.published())
    if not filterset.is_valid():
        return invalid_export_response(filterset)
    return csv_response(filterset.ordered(filterset.qs), export_columns(request), "projects")


@require_GET
def project_spreadsheet(request):
    filterset = ProjectFilter(request.GET, queryset=Project.objects.published())
    if not filterset.is_valid():
        return invalid_export_response(filterset)
    return xlsx_response(filterset.ordered(filterset.qs), export_columns(request), "projects")


@require_GET
def project_detail(request, slug):
    project = project_for_page(slug)
    if project is None:
        raise Http404("No project here.")
    if not project.is_published and not request.user.has_perm("projects.view_project"):
        raise Http404("No project here.")
    back_url, came_from_list = back_link(reverse("projects:list"), request.GET.get("back", ""))
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
        "back_url": back_url,
        "came_from_list": came_from_list,
    }
    return render(request, "projects/detail.html", context)
