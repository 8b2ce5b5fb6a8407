from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = "Intercultural Cities academy"

    def ready(self):
        import reversion

        from academy.models import Course, Module, QuizOption, QuizQuestion, TaggedModule
        from academy.selectors import related_kind
        from related.kinds import register

        # Children first, then their parents following them, so a course's or a
        # module's history carries its modules, questions, options and tags, and
        # a deleted module comes back whole.
        reversion.register(QuizOption)
        reversion.register(QuizQuestion, follow=["options"])
        reversion.register(TaggedModule)
        reversion.register(Module, follow=["questions", "tagged_items"])
        reversion.register(Course, follow=["modules"])
        register(related_kind())
