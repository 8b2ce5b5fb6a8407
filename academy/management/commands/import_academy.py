from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from academy.course_import import AcademyImportError, import_courses
from academy.course_sources import SourceFormatError, load_sources
from compendium.vocabulary import load_vocabulary


class Command(BaseCommand):
    help = (
        "Load the Intercultural Integration Academy and the online course from fixtures/sources/ "
        "(idempotent and atomic; keeps what editors changed unless --overwrite)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace fields editors changed with the sources' values."
        )

    def handle(self, *args, overwrite=False, **options):
        try:
            sources = load_sources()
            with transaction.atomic():
                load_vocabulary()
                report = import_courses(sources, overwrite=overwrite)
        except (SourceFormatError, AcademyImportError) as problem:
            raise CommandError(f"Nothing was imported: {problem}") from problem
        self.stdout.write(report.summary())
