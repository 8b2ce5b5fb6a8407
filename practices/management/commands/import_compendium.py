from django.core.management.base import BaseCommand, CommandError

from practices.compendium_parser import CompendiumFormatError
from practices.importer import CompendiumImportError, import_compendium


class Command(BaseCommand):
    help = (
        "Load the 83 entries of the compendium CDADI(2024)39 from fixtures/sources/, with the shared vocabulary "
        "(idempotent and atomic; keeps what editors changed unless --overwrite)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace fields editors changed with the compendium's values."
        )

    def handle(self, *args, overwrite=False, **options):
        try:
            report = import_compendium(overwrite=overwrite)
        except (CompendiumFormatError, CompendiumImportError) as problem:
            raise CommandError(f"Nothing was imported: {problem}") from problem
        for line in report.lines():
            self.stdout.write(line)
