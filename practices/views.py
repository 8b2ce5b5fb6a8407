from django.db.models import Case, When
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

import charts
from browse.csv_export import csv_response, invalid_export_response
from browse.links import back_to_list, link_with, link_without
from browse.lists import invalid_filters_context
from editorial.publication import visible_or_404
from editorial.translation import shown_text
from practices.citations import CITATION_SOURCE, bibtex_entry
from practices.lists import PRACTICE_LIST
from practices.models import Practice
from practices.selectors import (
    CHARTED,
    compared_practices,
    home_counts,
    practice_for_page,
    practice_pictures,
    practice_sections,
    practices_to_compare,
)
from related.kinds import related_to
from vocabulary.names import alphabetical, country_name


@require_safe
def home(request):
    counts = home_counts()
    # In the page's language's alphabetical order (the names are CLDR's on French pages).
    counts["countries"] = sorted(counts["countries"], key=lambda country: alphabetical(str(country)))
    return render(request, "home.html", counts)


@require_safe
def practice_detail(request, slug):
    practice = visible_or_404(practice_for_page(slug), request.user)
    sections, long_entry = practice_sections(practice)
    context = {
        "item": practice,
        "practice": practice,
        "sections": sections,
        "contents": long_entry,
        "related": related_to("practices", practice),
        "citation_source": CITATION_SOURCE,
        "bibtex": bibtex_entry(practice, request.build_absolute_uri(practice.get_absolute_url()),
                               timezone.localdate()),
    }  # fmt: skip
    return render(request, "practices/detail.html", context | back_to_list(request, "practices:list"))


# What the comparison shows of each practice's texts.
COMPARED_TEXTS = ("title", "duration_text", "purpose", "process", "impact")


@require_safe
def practice_bibtex(request, slug):
    """The practice's citation as a BibTeX file."""
    practice = visible_or_404(Practice.objects.select_related("country").filter(slug=slug).first(), request.user)
    entry = bibtex_entry(practice, request.build_absolute_uri(practice.get_absolute_url()), timezone.localdate())
    response = HttpResponse(entry, content_type="application/x-bibtex; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{practice.slug}.bib"'
    return response


def _pictured(request, template, draw):
    """A page picturing the practices the query selects: `draw(pictures, query, list_url)` gives its context."""
    query = request.GET
    filterset = PRACTICE_LIST.filterset(query)
    list_url = reverse("practices:list")
    context = {"listing": PRACTICE_LIST, "filterset": filterset, "query": query, "list_url": list_url}
    if not filterset.is_valid():
        context.update(invalid_filters_context(filterset, query))
        return render(request, template, context, status=400)
    pictures = practice_pictures(filterset)
    context.update(
        pictures=pictures,
        chips=filterset.chips(query),
        list_with_filters=list_url + link_without(query, "page"),
        query_string=link_without(query, "page"),
        **draw(pictures, query, list_url),
    )
    return render(request, template, context)


def _filtered_by(query, list_url, key, multiple=True):
    """The address of the list with `value` added to filter `key`, as a function of the value."""
    return lambda value: list_url + link_with(query, key, value, multiple)


@require_safe
def practice_map(request):
    def draw(pictures, query, list_url):
        country_url = _filtered_by(query, list_url, "country")
        place_url = _filtered_by(query, list_url, "place", multiple=False)
        named = [(code, country_name(code, name) if code else name, n) for code, name, n in pictures["countries"]]
        countries = sorted(named, key=lambda row: (-row[2], row[1] or ""))
        return {
            "map": charts.practice_map(
                countries, pictures["places"], country_url=country_url, place_url=lambda place, code: place_url(place)
            ),
            "countries": [
                (name or gettext("Tied to no country"), n, country_url(code) if code else None)
                for code, name, n in countries
            ],
            "places": [(place, n, place_url(place)) for place, _, n in pictures["places"]],
        }

    return _pictured(request, "practices/map.html", draw)


@require_safe
def practice_charts(request):
    def draw(pictures, query, list_url):
        bars = []
        for spec in PRACTICE_LIST.facets:
            if spec.key in CHARTED:
                title = gettext("Practices by %(facet)s") % {"facet": str(spec.title).lower()}
                linked = _filtered_by(query, list_url, spec.key, spec.multiple)
                counted = sorted(pictures[spec.key], key=lambda row: -row[2])
                rows = [(spec.label(value, label), n, linked(value)) for value, label, n in counted]
                bars.append(
                    {
                        "key": spec.key,
                        "title": title,
                        "column": str(spec.title).capitalize(),
                        "rows": rows,
                        "svg": charts.bar_chart(rows, title=title),
                    }
                )
        spans = [
            (title, start, end, ongoing, reverse("practices:detail", args=[slug]))
            for title, start, end, ongoing, slug in pictures["timeline"]
        ]
        return {
            "charts": bars,
            "spans": spans,
            "timeline": charts.timeline(spans, title=gettext("Practices over time")),
        }

    return _pictured(request, "practices/charts.html", draw)


@require_safe
def practice_compare(request):
    """Two to four practices side by side, field by field; the choice is the address (`p`, repeated)."""
    practices, problems = compared_practices(request.GET, practices_to_compare())
    # The texts the comparison shows, for the note on those not yet in the page's language.
    shown = [shown_text(practice, field) for practice in practices for field in COMPARED_TEXTS]
    context = {"practices": practices, "errors": problems, "also_shown": shown} | back_to_list(
        request, "practices:list"
    )
    return render(request, "practices/compare.html", context, status=400 if problems else 200)


@require_safe
def practice_compare_csv(request):
    """The compared practices in the export's columns, in the order chosen."""
    practices, problems = compared_practices(request.GET, Practice.objects.published())
    if problems:
        return invalid_export_response(problems)
    order = Case(*(When(pk=practice.pk, then=position) for position, practice in enumerate(practices)))
    compared = Practice.objects.filter(pk__in=[practice.pk for practice in practices]).order_by(order)
    return csv_response(compared, PRACTICE_LIST.export_columns(request), "practices-compared")
