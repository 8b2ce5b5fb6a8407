"""sitemap.xml: every published page in each language, with its alternates; robots.txt points to it."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from academy.models import Course, Module
from practices.models import Practice
from projects.models import Project


class LanguagesSitemap(Sitemap):
    """Each page in English and in French, each naming the other (hreflang alternates, English the default)."""

    i18n = True
    alternates = True
    x_default = True


class PublishedSitemap(LanguagesSitemap):
    """The published items `published()` gives, each with the date it last changed."""

    def __init__(self, published):
        self.published = published

    def items(self):
        return self.published()

    def lastmod(self, item):
        return item.updated


class PagesSitemap(LanguagesSitemap):
    """Pages known by their URL names."""

    def __init__(self, names):
        self.names = names

    def items(self):
        return self.names

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PagesSitemap(["home", "practices:list", "projects:list", "academy:list"]),
    "practices": PublishedSitemap(lambda: Practice.objects.published().only("slug", "updated").order_by("pk")),
    "projects": PublishedSitemap(lambda: Project.objects.published().only("slug", "updated").order_by("pk")),
    "courses": PublishedSitemap(lambda: Course.objects.published().only("slug", "updated").order_by("position")),
    "modules": PublishedSitemap(
        lambda: (
            Module.objects.published()
            .select_related("course")
            .only("slug", "updated", "course__slug")
            .order_by("course__position", "position", "pk")
        )
    ),
}
