from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from editorial.markdown import excerpt
from practices.models import Practice


class AtomFeedInLanguages(Atom1Feed):
    """An Atom feed that names itself in the portal's other languages (`<link rel="alternate" hreflang>`)."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for code, url in self.feed["other_languages"]:
            handler.addQuickElement(
                "link", "", {"rel": "alternate", "type": self.content_type.split(";")[0], "hreflang": code, "href": url}
            )


class LatestPracticesFeed(Feed):
    """The most recently updated published practices, for feed readers, in each language (/fr/practices/feed/).

    Titles and labels (the feed's own, the countries as categories) in the page's language; the practices'
    texts as written.
    """

    feed_type = AtomFeedInLanguages
    title = gettext_lazy("Intercultural Compendium: good practices")
    subtitle = gettext_lazy("Practices on intercultural integration, newest changes first.")

    def get_object(self, request):
        # The feed's "object" is the request, for the other languages' absolute addresses (one feed
        # instance serves every request: nothing is kept on it).
        return request

    def link(self):
        return reverse("practices:list")

    def feed_extra_kwargs(self, request):
        current = translation.get_language()
        other_languages = []
        for code, _ in settings.LANGUAGES:
            if code != current:
                with translation.override(code):
                    other_languages.append((code, request.build_absolute_uri(reverse("practices:feed"))))
        return {"other_languages": other_languages}

    def items(self):
        return Practice.objects.published().select_related("country").order_by("-updated", "-pk")[:30]

    def item_title(self, practice):
        return str(practice)

    def item_description(self, practice):
        # Atom sends the summary as type="html": the plain excerpt is escaped, or a reader would render
        # any `<` an editor wrote (as `&lt;` in Markdown, or in code) as markup.
        return escape(excerpt(practice.purpose, words=60))

    def item_updateddate(self, practice):
        return practice.updated

    def item_pubdate(self, practice):
        return practice.created

    def item_categories(self, practice):
        # The country's name in the feed's language (CLDR's in French).
        return [str(practice.country)] if practice.country else []
