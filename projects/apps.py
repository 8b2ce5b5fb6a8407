from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Funded projects"

    def ready(self):
        import reversion

        from projects.models import Project, ProjectChild, TaggedProject
        from projects.selectors import related_kind
        from related.kinds import register

        # A project's history carries its children and tags (categories and
        # areas are in its own row's data), so a deleted project comes back whole.
        children = [
            relation
            for relation in Project._meta.related_objects
            if issubclass(relation.related_model, (ProjectChild, TaggedProject))
        ]
        for relation in children:
            reversion.register(relation.related_model)
        reversion.register(Project, follow=[relation.get_accessor_name() for relation in children])
        register(related_kind())
