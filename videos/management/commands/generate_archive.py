from time import perf_counter

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench import synthetic
from videos.models import Technique


class Command(BaseCommand):
    help = (
        "Add a synthetic archive for benchmarks beside the curated collection: videos "
        "slugged synthetic-000123, with synthetic artists, directors, tags and essays "
        "claiming the real techniques. --replace first deletes the synthetic rows only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--videos", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete previously generated synthetic rows first.",
        )

    def handle(self, *args, videos, seed, replace, **options):
        if videos < 1:
            raise CommandError("--videos must be at least 1.")
        if not Technique.objects.exists():
            call_command("load_collection", stdout=self.stdout)
        if not Technique.objects.exists():
            raise CommandError("The archive has videos but no techniques to claim.")
        if replace:
            started = perf_counter()
            removed = synthetic.remove()
            self.stdout.write(f"Removed {removed} in {perf_counter() - started:.1f} s.")
        elif synthetic.synthetic_videos().exists():
            raise CommandError(
                "The archive already holds synthetic videos; add --replace to "
                "regenerate them."
            )
        started = perf_counter()
        counts = synthetic.generate(videos, seed=seed)
        self.stdout.write(
            f"Generated {counts} (seed {seed}) in {perf_counter() - started:.1f} s."
        )
