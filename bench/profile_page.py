"""Profile one uncached page with pyinstrument: where a request's time goes.

DATABASE_URL=… python -m bench.profile_page "/?technique=cgi&decade=1990" > out.txt
"""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

path = sys.argv[1]
client = Client()
client.get(path)  # warm: connections, templates, URL resolvers
profiler = Profiler(interval=0.0005)
with profiler:
    for _ in range(5):
        assert client.get(path).status_code == 200
print(f"5 requests of {path} on {django.db.connection.vendor}\n")
print(profiler.output_text(unicode=False, color=False, show_all=False))
