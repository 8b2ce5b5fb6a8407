from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from academy.filters import CourseFilter
from academy.models import Course
from academy.quiz import check_answer, record_answer
from academy.selectors import (
    course_facets,
    course_for_page,
    export_columns,
    list_page_queryset,
    module_for_page,
    modules_of_courses,
    programme,
    related_practices,
    related_projects,
)
from academy.video_embeds import video_link
from browse.csv_export import csv_response, invalid_export_response
from browse.listing import (
    invalid_filters_context,
    kept_parameters,
    link_without,
    paginate,
    pagination_context,
    sort_context,
)
from browse.spreadsheet import xlsx_response


@require_GET
def course_list(request):
    query = request.GET
    filterset = CourseFilter(query, queryset=Course.objects.published())
    context = {"filterset": filterset, "q": query.get("q", ""), "query": query}
    if not filterset.is_valid():
        context.update(invalid_filters_context(filterset, query))
        return render(request, "academy/list.html", context, status=400)

    matching = filterset.qs
    total = matching.count()
    page, corrected = paginate(list_page_queryset(filterset.ordered(matching)), filterset.page_number, count=total)
    context.update(
        **pagination_context(query, page),
        **sort_context(filterset, query),
        total=total,
        page=page,
        courses=list(page.object_list),
        corrected_page=corrected,
        facets=course_facets(filterset, query),
        chips=filterset.chips(query),
        export_url=reverse("academy:export") + link_without(query, "page"),
        kept_for_search=kept_parameters(query, "q"),
    )
    return render(request, "academy/list.html", context)


@require_GET
def module_export(request):
    """The published modules of the courses the same query lists, streamed."""
    filterset = CourseFilter(request.GET, queryset=Course.objects.published())
    if not filterset.is_valid():
        return invalid_export_response(filterset)
    return csv_response(modules_of_courses(filterset.qs), export_columns(request), "academy-modules")


@require_GET
def module_spreadsheet(request):
    """The published modules of the courses the same query lists, as a spreadsheet."""
    filterset = CourseFilter(request.GET, queryset=Course.objects.published())
    if not filterset.is_valid():
        return invalid_export_response(filterset)
    return xlsx_response(modules_of_courses(filterset.qs), export_columns(request), "academy-modules")


@require_GET
def course_detail(request, course_slug):
    course = course_for_page(course_slug)
    if course is None or (not course.is_published and not request.user.has_perm("academy.view_course")):
        raise Http404("No course here.")
    return render(request, "academy/course.html", {"course": course, "programme": programme(course)})


# No CSRF token: answering a quiz needs no account and sets no cookie at all, so
# there is no session a forged request could ride on; a post only adds one to
# an option's anonymous counter, which is checked against the page's questions.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def module_detail(request, course_slug, module_slug):
    module = module_for_page(course_slug, module_slug)
    if module is None or (not module.is_published and not request.user.has_perm("academy.view_module")):
        raise Http404("No module here.")
    answer = problem = None
    if request.method == "POST":
        answer, problem = check_answer(module.quiz, request.POST)
        if answer is not None:
            record_answer(answer.chosen)
    context = {
        "course": module.course,
        "module": module,
        "areas": module.areas.all(),
        "tags": module.tags.all(),
        "questions": module.quiz,
        "answer": answer,
        "problem": problem,
        "video": video_link(module.video_url),
        "related_practices": related_practices(module),
        "related_projects": related_projects(module),
    }
    return render(request, "academy/module.html", context, status=400 if problem else 200)
