from editorial.imports import ImportCommand
from practices.compendium_parser import CompendiumFormatError
from practices.importer import CompendiumImportError, import_compendium


class Command(ImportCommand):
    help = (
        "Load the 83 entries of the compendium CDADI(2024)39 from fixtures/sources/, with the shared vocabulary "
        "(idempotent and atomic; keeps what editors changed unless --overwrite)."
    )
    overwrite_help = "Replace fields editors changed with the compendium's values."
    problems = (CompendiumFormatError, CompendiumImportError)

    def run_import(self, overwrite, **options):
        return import_compendium(overwrite=overwrite).lines()
