"""Writing the academy: courses, modules, and the anonymous count of learners' answers.

As for practices and projects, the database retires cached reads after every
write; a course or module write is one revision of that item alone.
"""

from django.db.models import F

from academy.models import QuizOption
from editorial.revisions import revision_of_one, set_links


def save_course(course, *, user=None, comment=""):
    """Validate and save `course` as one revision."""
    with revision_of_one(user, comment):
        course.full_clean()
        course.save()
    return course


def save_module(module, *, areas=None, tags=None, user=None, comment=""):
    """Validate and save `module` and the links given (None leaves them as they are), as one revision."""
    with revision_of_one(user, comment):
        module.full_clean()
        module.save()
        set_links(module, areas=areas, tags=tags)
    return module


def record_answer(option):
    """One more learner chose `option`: an atomic increment, nothing else stored."""
    QuizOption.objects.filter(pk=option.pk).update(answer_count=F("answer_count") + 1)
