"""Reads for the public academy pages beyond the list (see academy/lists.py): a course's programme, a module."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from academy.lists import MODULE_LIST
from academy.models import Course, Module, ModuleKind, QuizQuestion
from editorial.translation import columns, shown_text
from related.kinds import RelatedKind

# A course --------------------------------------------------------------------


@dataclass
class Programme:
    """A course's published modules as the course page groups them."""

    days: list = field(default_factory=list)  # [(day, [modules])], in day order
    electives: list = field(default_factory=list)  # elective modules offered without a fixed day
    undated: list = field(default_factory=list)  # core modules without a day (the online course's modules)

    @property
    def is_empty(self):
        return not (self.days or self.electives or self.undated)

    @property
    def modules(self):
        return [module for _, modules in self.days for module in modules] + self.electives + self.undated


def course_for_page(slug):
    return Course.objects.filter(slug=slug).first()


def programme(course):
    modules = list(
        Module.objects.published()
        .filter(course=course)
        .only(*columns(("title", "summary")), "slug", "day", "kind", "position", "duration_minutes", "course_id")
        .order_by("position", "pk")
    )
    by_day, result = {}, Programme()
    for module in modules:
        module.course = course  # for get_absolute_url, without a query per module
        if module.day is not None:
            by_day.setdefault(module.day, []).append(module)
        elif module.kind == ModuleKind.ELECTIVE:
            result.electives.append(module)
        else:
            result.undated.append(module)
    result.days = sorted(by_day.items())
    return result


# A module --------------------------------------------------------------------


def module_for_page(course_slug, module_slug):
    """The module with its course, areas, tags and answerable questions (with their options)."""
    questions = QuizQuestion.objects.ready().prefetch_related("options").order_by("position", "pk")
    return (
        Module.objects.select_related("course")
        .prefetch_related("areas", "tags", Prefetch("questions", queryset=questions, to_attr="quiz"))
        .filter(course__slug=course_slug, slug=module_slug)
        .first()
    )


def related_kind():
    """How academy modules take part in related items (registered by AcademyConfig.ready)."""
    return RelatedKind(
        "modules", gettext_lazy("Related academy modules"), MODULE_LIST,
        published=lambda: Module.objects.published().select_related("course").only(
            "title", "title_fr", "slug", "course__title", "course__title_fr", "course__slug"),
        title=lambda module: shown_text(module, "title"),
        note=lambda module: shown_text(module.course, "title"),
    )  # fmt: skip
