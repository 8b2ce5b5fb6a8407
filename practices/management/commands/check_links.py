"""manage.py check_links: ask every cited reference address whether it still answers, and record it."""

from django.core.management.base import BaseCommand

from practices.link_checks import check_links


class Command(BaseCommand):
    help = (
        "Check every practice's reference links (a few at a time, with time-outs and retries) and record each status."
    )

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=8, help="Addresses asked at once (default 8).")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for an answer (default 10).")
        parser.add_argument(
            "--retries", type=int, default=2, help="Further tries after a time-out or a 5xx (default 2)."
        )
        parser.add_argument("--pause", type=float, default=1.0, help="Seconds before the first retry, growing after.")

    def handle(self, *args, concurrency, timeout, retries, pause, **options):
        outcomes = check_links(concurrency=concurrency, timeout=timeout, retries=retries, pause=pause)
        broken = [outcome for outcome in outcomes if outcome.status is None or outcome.status >= 400]
        moved = [outcome for outcome in outcomes if outcome.moved_to and outcome not in broken]
        for outcome in broken:
            self.stdout.write(f"broken  {outcome.url}  {outcome.status or outcome.problem}")
        for outcome in moved:
            self.stdout.write(f"moved   {outcome.url}  → {outcome.moved_to}")
        self.stdout.write(f"{len(outcomes)} addresses checked: {len(broken)} broken, {len(moved)} moved permanently.")
