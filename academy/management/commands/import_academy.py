from django.db import transaction

from academy.course_import import AcademyImportError, import_courses
from academy.course_sources import SourceFormatError, load_sources
from editorial.imports import ImportCommand
from vocabulary.loading import load_vocabulary


class Command(ImportCommand):
    help = (
        "Load the Intercultural Integration Academy and the online course from fixtures/sources/ "
        "(idempotent and atomic; keeps what editors changed unless --overwrite)."
    )
    problems = (SourceFormatError, AcademyImportError)

    def run_import(self, overwrite, **options):
        sources = load_sources()
        with transaction.atomic():
            load_vocabulary()
            report = import_courses(sources, overwrite=overwrite)
        return [report.summary()]
