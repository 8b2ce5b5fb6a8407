from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from compendium.models import Country, PublicationStatus, Theme
from practices.models import Practice


@require_GET
def home(request):
    published = Q(practices__status=PublicationStatus.PUBLISHED)
    themes = Theme.objects.annotate(practice_count=Count("practices", filter=published)).filter(practice_count__gt=0)
    countries = (
        Country.objects.annotate(practice_count=Count("practices", filter=published))
        .filter(practice_count__gt=0)
        .order_by("name")
    )
    context = {
        "themes": themes,
        "countries": countries,
        "total": Practice.objects.published().count(),
        "european_level": Practice.objects.published().filter(level="european").count(),
    }
    return render(request, "home.html", context)
