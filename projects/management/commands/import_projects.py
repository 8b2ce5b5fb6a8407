from django.core.management.base import BaseCommand, CommandError

from projects.importer import SOURCES_DIRECTORY, ProjectImportError, import_projects
from projects.liaison_source import SourceFormatError


class Command(BaseCommand):
    help = (
        "Load LIAISON, merged from its coordinator's and a partner's page, published. "
        "Idempotent and atomic; keeps what editors changed unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace fields editors changed with the sources' values."
        )
        parser.add_argument(
            "--sources", default=SOURCES_DIRECTORY, help="Folder holding the copies of the pages (fixtures/sources)."
        )

    def handle(self, *args, overwrite, sources, **options):
        try:
            report = import_projects(sources, overwrite=overwrite)
        except (SourceFormatError, ProjectImportError, OSError) as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
