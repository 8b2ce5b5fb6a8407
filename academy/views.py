from django.http import Http404, HttpResponse
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
from compendium.csv_export import csv_response
from compendium.listing import link_replacing, link_without, page_links, paginate


@require_GET
def course_list(request):
    query = request.GET
    filterset = CourseFilter(query, queryset=Course.objects.published())
    context = {"filterset": filterset, "q": query.get("q", ""), "query": query}
    if not filterset.is_valid():
        context["errors"] = filterset.error_messages()
        context["error_fixes"] = [
            (name, link_without(query, name)) for name in filterset.form.errors if name in filterset.form.fields
        ]
        return render(request, "academy/list.html", context, status=400)

    matching = filterset.qs
    total = matching.count()
    page, corrected = paginate(list_page_queryset(filterset.ordered(matching)), filterset.page_number, count=total)
    context.update(
        total=total,
        page=page,
        courses=list(page.object_list),
        corrected_page=corrected,
        page_links=page_links(query, page) if page.paginator.num_pages > 1 else [],
        previous_url=link_replacing(query, "page", page.previous_page_number()) if page.has_previous() else None,
        next_url=link_replacing(query, "page", page.next_page_number()) if page.has_next() else None,
        facets=course_facets(filterset, query),
        chips=filterset.chips(query),
        sort=filterset.sort,
        sort_choices=filterset.form.fields["sort"].choices,
        export_url=reverse("academy:export") + link_without(query, "page"),
        kept_for_search=[(k, v) for k in query for v in query.getlist(k) if k not in ("q", "page")],
        kept_for_sort=[(k, v) for k in query for v in query.getlist(k) if k not in ("sort", "page")],
    )
    return render(request, "academy/list.html", context)


@require_GET
def module_export(request):
    """The published modules of the courses the same query lists, streamed."""
    filterset = CourseFilter(request.GET, queryset=Course.objects.published())
    if not filterset.is_valid():
        reasons = "\n".join(filterset.error_messages())
        return HttpResponse(
            f"Invalid export parameters:\n{reasons}\n", status=400, content_type="text/plain; charset=utf-8"
        )
    return csv_response(modules_of_courses(filterset.qs), export_columns(request), "academy-modules")


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
