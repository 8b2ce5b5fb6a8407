from django.shortcuts import render
from django.views.decorators.http import require_safe

from browse.links import back_to_list
from editorial.publication import visible_or_404
from practices.selectors import home_counts, practice_for_page
from related.kinds import related_to


@require_safe
def home(request):
    return render(request, "home.html", home_counts())


@require_safe
def practice_detail(request, slug):
    practice = visible_or_404(practice_for_page(slug), request.user)
    context = {"item": practice, "practice": practice, "related": related_to("practices", practice.pk)}
    return render(request, "practices/detail.html", context | back_to_list(request, "practices:list"))
