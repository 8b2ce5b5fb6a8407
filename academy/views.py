from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from academy.quiz import check_answer
from academy.selectors import course_for_page, module_for_page, programme
from academy.services import record_answer
from academy.video_embeds import video_link
from clients.addresses import client_address
from clients.limits import Rate, too_many_requests, wait_before
from clients.origins import comes_from_this_site
from editorial.publication import visible_or_404
from editorial.translation import shown_text
from related.kinds import related_to

# What a module's page shows of its course.
MODULE_PAGE_COURSE_TEXTS = ("title", "length", "quiz_instructions", "electives_heading", "electives_introduction")


@require_safe
def course_detail(request, course_slug):
    course = visible_or_404(course_for_page(course_slug), request.user)
    modules = programme(course)
    context = {"item": course, "course": course, "programme": modules, "also_shown": modules.modules}
    return render(request, "academy/course.html", context)


# No CSRF token: answering a quiz needs no account and sets no cookie at all. Instead an
# answer is taken only from this site's own pages (the browser says so in Origin), and
# only so often from one client, so no other site and no script can pad the counts.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def module_detail(request, course_slug, module_slug):
    module = visible_or_404(module_for_page(course_slug, module_slug), request.user)
    answer = problem = None
    if request.method == "POST":
        if not comes_from_this_site(request):
            raise PermissionDenied(gettext("Answers are taken only from the quiz on this site's module pages."))
        answers = Rate("quiz-answers", settings.QUIZ_ANSWERS_PER_CLIENT, settings.QUIZ_ANSWERS_WINDOW_SECONDS)
        wait = wait_before(answers, client_address(request))
        if wait:
            return too_many_requests(
                request, wait, gettext("This quiz has had many answers from your address just now.")
            )
        answer, problem = check_answer(module.quiz, request.POST)
        if answer is not None:
            record_answer(answer.chosen)
    context = {
        "item": module,
        "course": module.course,
        "module": module,
        "areas": module.areas.all(),
        "tags": module.tags.all(),
        "questions": module.quiz,
        "answer": answer,
        "problem": problem,
        "video": video_link(module.video_url),
        # The course's texts the page quotes, the questions and their options (feedback follows an answer).
        "also_shown": [
            *(shown_text(module.course, field) for field in MODULE_PAGE_COURSE_TEXTS),
            *module.quiz,
            *(shown_text(option, "text") for question in module.quiz for option in question.options.all()),
        ],
        "related": related_to("modules", module),
    }
    return render(request, "academy/module.html", context, status=400 if problem else 200)
