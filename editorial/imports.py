"""What every import command shares: `--overwrite`, a report, and nothing imported when anything goes wrong."""

from django.core.management.base import BaseCommand, CommandError


class ImportCommand(BaseCommand):
    """An idempotent, atomic import: `run_import` returns the report's lines, or raises one of `problems`."""

    overwrite_help = "Replace fields editors changed with the sources' values."
    # The exceptions that mean the import was rolled back, reported as a command error.
    problems = ()

    def add_arguments(self, parser):
        parser.add_argument("--overwrite", action="store_true", help=self.overwrite_help)

    def handle(self, *args, overwrite=False, **options):
        try:
            lines = self.run_import(overwrite=overwrite, **options)
        except self.problems as problem:
            raise CommandError(f"Nothing was imported: {problem}") from problem
        for line in lines:
            self.stdout.write(line)

    def run_import(self, overwrite, **options):
        raise NotImplementedError
