"""Reads for the public practice pages beyond the list (see practices/lists.py): a practice, the home page."""

from django.db.models import Count, OuterRef, Q, Subquery

from editorial.models import PublicationStatus
from practices.models import LinkCheck, Practice, ReferenceLink, TaggedPractice
from related.kinds import RelatedItem, RelatedKind
from vocabulary.models import Country, Theme


def practice_for_page(slug):
    return (
        Practice.objects.select_related("country", "theme")
        .annotate(links_checked=_links_last_checked())
        .prefetch_related("types", "areas", "tags", "references")
        .filter(slug=slug)
        .first()
    )


def _links_last_checked():
    """When `check_links` last asked any of the practice's reference addresses (None: never)."""
    cited = ReferenceLink.objects.filter(practice_id=OuterRef(OuterRef("pk"))).values("url")
    return Subquery(LinkCheck.objects.filter(url__in=cited).order_by("-checked").values("checked")[:1])


def home_counts():
    """The home page's numbers: published practices by theme (compendium order) and by country."""
    published = Q(practices__status=PublicationStatus.PUBLISHED)
    themes = (
        Theme.objects.annotate(practice_count=Count("practices", filter=published))
        .filter(practice_count__gt=0)
        .order_by("position")
    )
    countries = (
        Country.objects.annotate(practice_count=Count("practices", filter=published))
        .filter(practice_count__gt=0)
        .order_by("name")
    )
    practices = Practice.objects.published()
    return {
        "themes": list(themes),
        "countries": list(countries),
        "total": practices.count(),
        "european_level": practices.filter(level="european").count(),
    }


def related_kind():
    """How practices take part in related items (registered by PracticesConfig.ready)."""
    return RelatedKind(
        "practices", "Related good practices", TaggedPractice, Practice.areas.through,
        published=lambda: Practice.objects.published().select_related("country").only(*Practice.WHEREABOUTS),
        describe=lambda practice: RelatedItem(practice.title, practice.get_absolute_url(), practice.whereabouts),
    )  # fmt: skip
