from django.shortcuts import render
from django.views.decorators.http import require_safe

from browse.links import back_to_list
from editorial.publication import visible_or_404
from projects.models import RunningStatus
from projects.selectors import project_for_page
from related.kinds import related_to


@require_safe
def project_detail(request, slug):
    project = visible_or_404(project_for_page(slug), request.user)
    context = {
        "item": project,
        "project": project,
        "status_today": RunningStatus(project.running_status),
        "related": related_to("projects", project),
        "also_shown": [*project.objectives.all(), *project.activities.all()],
    }
    return render(request, "projects/detail.html", context | back_to_list(request, "projects:list"))
