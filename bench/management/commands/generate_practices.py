import sys

from django.core.management.base import BaseCommand, CommandError

from bench.synthetic import EmptyCorpus, generate_practices, purge_synthetic_practices


class Command(BaseCommand):
    help = "Create N synthetic published practices recombined from the real ones (deterministic for a seed)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=0, help="How many practices to create.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same practices.")
        parser.add_argument("--purge", action="store_true", help="First delete every synthetic practice.")

    def handle(self, *args, count, seed, purge, **options):
        if count < 0:
            raise CommandError("--count must be zero or more.")
        if not purge and not count:
            raise CommandError("Nothing to do: give --count N, --purge, or both.")
        if purge:
            removed = purge_synthetic_practices()
            self.stdout.write(f"Removed {removed:,} synthetic practices.")
        if not count:
            return
        try:
            first_id, writing, indexing = generate_practices(count, seed, report=self.progress)
        except EmptyCorpus as error:
            raise CommandError(str(error)) from None
        sys.stderr.write("\n")
        total = writing + indexing
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count:,} synthetic practices (ids {first_id:,}–{first_id + count - 1:,}) in {total:.1f} s: "
                f"{writing:.1f} s writing ({count / writing:,.0f}/s), {indexing:.1f} s building indexes and keys "
                f"({count / total:,.0f} practices/s in all)."
            )
        )

    def progress(self, done, total, elapsed):
        width = 30
        filled = int(width * done / total)
        rate = done / elapsed if elapsed else 0
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} written, {rate:,.0f}/s ")
        sys.stderr.flush()
