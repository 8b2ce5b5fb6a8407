"""The real sources, imported once for a test module: the compendium, LIAISON and the academy.

Committed before the module's tests (each of which runs in a transaction rolled
back after it) and removed after them.
"""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def compendium(django_db_setup, django_db_blocker):
    from academy.models import Course
    from practices.models import Practice
    from projects.models import Project

    with django_db_blocker.unblock():
        for command in ("import_compendium", "import_projects", "import_academy"):
            call_command(command, stdout=io.StringIO())
        yield
        from reversion.models import Revision
        from taggit.models import Tag

        from projects.models import Category, FundingProgramme
        from vocabulary.models import Area, Country, PracticeType, Theme

        for model in (Revision, Course, Project, Practice, Tag):
            model.objects.all().delete()
        for model in (Theme, Country, Area, PracticeType, Category, FundingProgramme):
            model.objects.all().delete()
