from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Good practices"

    def ready(self):
        import reversion

        from practices.models import Practice, ReferenceLink, TaggedPractice
        from practices.selectors import related_kind
        from related.kinds import register

        # A practice's history carries its references and tags, so a deleted
        # practice comes back whole.
        reversion.register(ReferenceLink)
        reversion.register(TaggedPractice)
        reversion.register(Practice, follow=["references", "tagged_items"])
        register(related_kind())
