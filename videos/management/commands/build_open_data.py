"""Write the bulk downloads /data/ offers: the whole public archive as JSON, a CSV per
table and a SQLite file (videos/opendata/bulk.py). Run it after editors publish (a daily
cron job is plenty); /data/ says when the files are older than the archive."""

import os

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from videos.opendata import bulk


class Command(BaseCommand):
    help = "Write the public archive's bulk downloads (JSON, CSV per table, SQLite)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
            help="The site's address, for the links in the files (default: $SITE_URL).",
        )
        parser.add_argument(
            "--output", help="Where to write them (default: MEDIA_ROOT/open-data)."
        )

    def handle(self, *args, base_url, output, **options):
        manifest = bulk.build(base_url, output)
        for entry in manifest["files"]:
            size = filesizeformat(entry["bytes"])
            self.stdout.write(f"{entry['name']}: {size}")
        self.stdout.write(
            f"Written {manifest['generated']} to {output or bulk.directory()}."
        )
