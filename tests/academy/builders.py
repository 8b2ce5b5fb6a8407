"""Small builders for academy test data; each makes exactly what a test names and nothing more."""

import itertools

from academy.models import Course, Module, QuizOption, QuizQuestion
from editorial.models import PublicationStatus

_numbers = itertools.count(1)


def course(title=None, **fields):
    """A published course (in-person intensive unless told otherwise)."""
    number = next(_numbers)
    fields.setdefault("slug", f"course-{number}")
    fields.setdefault("format", "in-person-intensive")
    fields.setdefault("summary", f"Summary of course {number}.")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("position", number)
    return Course.objects.create(title=title or f"Course {number}", **fields)


def module(course, title=None, *, areas=(), tags=(), **fields):
    """A published module of `course`."""
    number = next(_numbers)
    fields.setdefault("slug", f"module-{number}")
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("position", number)
    created = Module.objects.create(course=course, title=title or f"Module {number}", **fields)
    created.areas.set(areas)
    if tags:
        created.tags.set(list(tags))
    return created


def question(module, text=None, options=(("Right", True, ""), ("Wrong", False, "")), position=None):
    """A question with options given as (text, is_correct, feedback)."""
    number = next(_numbers)
    created = QuizQuestion.objects.create(
        module=module, text=text or f"Question {number}?", position=number if position is None else position
    )
    for index, (option_text, is_correct, feedback) in enumerate(options):
        QuizOption.objects.create(
            question=created, position=index, text=option_text, is_correct=is_correct, feedback=feedback
        )
    return created
