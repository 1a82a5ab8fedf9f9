import json
from pathlib import Path

from django.core.management.base import BaseCommand

from videos.editorial.backup import export_archive


class Command(BaseCommand):
    help = (
        "Write the whole archive (videos, credits, techniques and lineage, essays, "
        "sources, tags, precedents, claims) as one JSON document, to stdout or -o FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", type=Path, help="File to write.")

    def handle(self, *args, output=None, **options):
        text = json.dumps(export_archive(), indent=1, ensure_ascii=False) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
            return
        output.write_text(text, encoding="utf-8")
        self.stderr.write(f"Wrote the archive to {output}.")
