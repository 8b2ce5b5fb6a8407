from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from editorial.markdown import excerpt
from practices.models import Practice


class LatestPracticesFeed(Feed):
    """The most recently updated published practices, for feed readers."""

    feed_type = Atom1Feed
    title = gettext_lazy("Intercultural Compendium: good practices")
    subtitle = gettext_lazy("Practices on intercultural integration, newest changes first.")

    def link(self):
        return reverse("practices:list")

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
        return [practice.country.name] if practice.country else []
