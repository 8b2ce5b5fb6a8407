from editorial.imports import ImportCommand
from projects.importer import SOURCES_DIRECTORY, ProjectImportError, import_projects
from projects.liaison_source import SourceFormatError


class Command(ImportCommand):
    help = (
        "Load LIAISON, merged from its coordinator's and a partner's page, published. "
        "Idempotent and atomic; keeps what editors changed unless --overwrite."
    )
    problems = (SourceFormatError, ProjectImportError, OSError)

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--sources", default=SOURCES_DIRECTORY, help="Folder holding the copies of the pages (fixtures/sources)."
        )

    def run_import(self, overwrite, sources, **options):
        return import_projects(sources, overwrite=overwrite).lines()
