"""What every import shares: the merge with editors' changes, `--overwrite`, a report, all or nothing."""

from dataclasses import dataclass

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


@dataclass
class ImportMerge:
    """What an import does to one item it wrote before."""

    write: list  # fields whose source value is written
    kept: list  # fields an editor changed, left as the editor wrote them
    record: dict  # the new `imported_values`: what the import now stands for, field by field


def merge_import(current, incoming, previous, overwrite=False):
    """The one import merge: how an item moves from `current` to what the source says now.

    `current`, `incoming` and `previous` are {field: value}: the item as it is,
    as the source says now, and as the last import wrote it. A field whose
    current value differs from what the last import wrote was changed by an
    editor and is kept, unless `overwrite`. The record of a kept field stays
    what the import last wrote, so an editor who sets it back to that text
    hands the field back to the imports.
    """
    write, kept = [], []
    for name, value in incoming.items():
        if current[name] == value:
            continue
        if name in previous and current[name] != previous[name] and not overwrite:
            kept.append(name)
        else:
            write.append(name)
    record = {name: previous[name] if name in kept else value for name, value in incoming.items()}
    return ImportMerge(write, kept, record)


def remember_imported(item, record):
    """Move an item's import record on without touching its content (no revision: nothing an editor sees)."""
    type(item).objects.filter(pk=item.pk).update(imported_values=record)
    item.imported_values = record
