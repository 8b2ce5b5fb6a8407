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
from related.kinds import related_to


@require_safe
def course_detail(request, course_slug):
    course = visible_or_404(course_for_page(course_slug), request.user)
    return render(request, "academy/course.html", {"item": course, "course": course, "programme": programme(course)})


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
        "related": related_to("modules", module.pk),
    }
    return render(request, "academy/module.html", context, status=400 if problem else 200)
