from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Funded projects"

    def ready(self):
        import reversion

        from projects.models import (
            Activity,
            ImpactTarget,
            Objective,
            Partner,
            Project,
            Resource,
            SocialLink,
            TaggedProject,
        )

        # A project's history carries its children and tags (categories and
        # areas are in its own row's data), so a deleted project comes back whole.
        for child in (Objective, Activity, Resource, ImpactTarget, Partner, SocialLink, TaggedProject):
            reversion.register(child)
        reversion.register(
            Project,
            follow=[
                "objectives",
                "activities",
                "resources",
                "impact_targets",
                "partners",
                "social_links",
                "tagged_items",
            ],
        )
