from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from browse.cache import cached_read
from browse.csv_export import invalid_export_response
from browse.links import link_without
from documents.compendium import described_filters, in_compendium_order, render_compendium, render_dossier
from practices.lists import PRACTICE_LIST
from practices.models import Practice

# A rendered compendium is kept until its content changes (the key says when); a day bounds stale keys.
COMPENDIUM_CACHE_SECONDS = 24 * 3600


@require_safe
def compendium_pdf(request):
    """Every published practice as one document, rendered once per content change (in the shared cache)."""

    def render_published():
        return render_compendium(request, in_compendium_order(Practice.objects.published()))

    pdf = cached_read("compendium-pdf", request.get_host(), render_published, timeout=COMPENDIUM_CACHE_SECONDS)
    return _pdf_response(pdf, "compendium")


@require_safe
def dossier_pdf(request):
    """The practices of a filtered list as a document, in the compendium's order; refused above a size."""
    filterset = PRACTICE_LIST.filterset(request.GET)
    if not filterset.is_valid():
        return invalid_export_response(filterset.error_messages())
    filters = described_filters(filterset)
    total = filterset.qs.count()
    limit = settings.DOSSIER_MAX_PRACTICES
    if total > limit:
        context = {
            "total": total,
            "limit": limit,
            "filters": filters,
            "list_url": reverse("practices:list") + link_without(request.GET, "page"),
            "compendium_url": reverse("documents:compendium"),
        }
        # 422: the query is valid, but its answer is more than one dossier may hold.
        return render(request, "documents/dossier_too_large.html", context, status=422)
    return _pdf_response(render_dossier(request, in_compendium_order(filterset.qs), filters), "dossier")


def _pdf_response(pdf, name):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}-{timezone.localdate().isoformat()}.pdf"'
    return response
