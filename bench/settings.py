"""The product's settings, with the bench's URLconf: the site plus a trivial floor view.

Only `make bench` serves this module; the floor view never reaches the product's URLs.
"""

from archive.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
