"""One process's timeline index on the archive at DATABASE_URL: how long a full build
takes and how much memory it keeps, then an editor's save and how long this process takes
to bring its index up to date (a patch). Prints JSON; bench/million.py runs it.

    DATABASE_URL=… python -m bench.index_probe
"""

import json
import time
from pathlib import Path

import django

django.setup()

from django.db import transaction  # noqa: E402

from videos.models import Video  # noqa: E402
from videos.models.versions import current_version  # noqa: E402
from videos.timeline import index as timeline_index  # noqa: E402


def resident_mb():
    """(resident now, peak resident) in MB, from /proc."""
    status = dict(
        line.split(":", 1)
        for line in Path("/proc/self/status").read_text().splitlines()
    )
    return tuple(int(status[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, (time.perf_counter() - started) * 1000


def save_one_video():
    """What an editor's save does to the index: a video retitled and moved in time."""
    video = Video.objects.filter(status=Video.Status.PUBLISHED).order_by("pk").last()
    with transaction.atomic():
        video.year = 1975 + (video.year - 1974) % 51
        video.title = f"{video.title.split(' [')[0]} [edited {time.time():.0f}]"
        video.save()
    return video.pk


def main():
    before, _peak = resident_mb()
    index, build_ms = timed(timeline_index.current_index)
    after, peak = resident_mb()
    facts = {
        "videos": int(index.size),
        "build_ms": round(build_ms),
        "resident_mb_before": round(before),
        "resident_mb_after_build": round(after),
        "peak_resident_mb": round(peak),
    }
    patches = []
    for _ in range(3):
        save_one_video()
        patched, patch_ms = timed(timeline_index.current_index, current_version())
        assert patched.order is not None, "the save was not patched in"
        patches.append(round(patch_ms, 1))
    facts["patch_ms"] = patches
    facts["resident_mb_after_patches"] = round(resident_mb()[0])
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
