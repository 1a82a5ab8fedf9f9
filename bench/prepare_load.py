"""Set up bench/load.sh's archive: an editor account and drafts tagged `load-test`.

Prints the drafts as pk:slug,pk:slug for bench.editor_load.
"""

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402

from bench.editor_load import DRAFT_TAG, EDITOR  # noqa: E402
from videos.models import Artist, Director, Technique, Video, VideoTechnique  # noqa: E402

DRAFTS = 12

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
    VideoTechnique.objects.get_or_create(
        video=video, technique=technique, defaults={"is_primary": True}
    )
    video.tags.set([DRAFT_TAG])
    drafts.append(f"{video.pk}:{video.slug}")
print(",".join(drafts))
