"""Set up bench/load.sh's archive: an editor account and drafts tagged `load-test`,
each with what publishing asks for (videos/editorial/publish_checks.py): an essay with a
verdict, a cited source, and a sourced primary technique claim.

Prints the drafts as pk:slug,pk:slug for bench.editor_load.
"""

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402

from bench.editor_load import DRAFT_TAG, EDITOR  # noqa: E402
from videos.editorial.publish_checks import problems_before_publishing  # noqa: E402
from videos.models import (  # noqa: E402
    Artist,
    Director,
    Essay,
    Source,
    Technique,
    Video,
    VideoTechnique,
)

DRAFTS = 12
SOURCE_URL = "https://example.org/bench-fixture"

editor, _ = User.objects.get_or_create(username=EDITOR[0], defaults={"is_staff": True})
editor.set_password(EDITOR[1])
editor.save()
editor.groups.add(Group.objects.get(name="Editors"))

artist, _ = Artist.objects.get_or_create(
    slug="load-test-artist", defaults={"name": "Load Test Artist"}
)
director, _ = Director.objects.get_or_create(
    slug="load-test-director", defaults={"name": "Load Test Director"}
)
technique = Technique.objects.get(slug="cgi")
drafts = []
for number in range(1, DRAFTS + 1):
    video, _ = Video.objects.update_or_create(
        slug=f"load-test-draft-{number:02d}",
        defaults={
            "title": f"Load test draft {number:02d}",
            "year": 2025,
            "status": "draft",
            "published_at": None,
        },
    )
    video.artists.set([artist])
    video.directors.set([director])
    VideoTechnique.objects.update_or_create(
        video=video,
        technique=technique,
        defaults={"is_primary": True, "source_url": SOURCE_URL},
    )
    Essay.objects.update_or_create(
        video=video,
        defaults={
            "headline": "A load test's entry (bench only)",
            "body": "Written by bench/prepare_load.py so the editor may publish it.",
            "verdict": Essay.Verdict.CONTESTED,
        },
    )
    Source.objects.get_or_create(
        video=video, url=SOURCE_URL, defaults={"title": "Bench fixture (not a source)"}
    )
    video.tags.set([DRAFT_TAG])
    if problems := problems_before_publishing(video):
        raise SystemExit(f"{video.slug} could not be published: {problems}")
    drafts.append(f"{video.pk}:{video.slug}")
print(",".join(drafts))
