from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Measuring the portal: synthetic practices for load tests; `run.py` and `loadtest.py` drive it."""

    name = "bench"
    verbose_name = "Benchmarks"
