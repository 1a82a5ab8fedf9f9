"""On an editor's change: a new archive version (retiring cached pages and the facet index)
in the same transaction, and search vectors refreshed once it commits."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag

from videos.models import (
    Artist,
    Director,
    DirectorCredit,
    Essay,
    Exhibit,
    ExhibitStop,
    Moment,
    Precedent,
    Source,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.versions import record_change, what_changed
from videos.timeline.search import refresh_search_vectors

# Anything a visitor can see; a save or delete of any of them retires every cached page.
VISIBLE_MODELS = [
    Artist, Director, DirectorCredit, Essay, Moment, Precedent, Source, TaggedVideo,
    Technique, Video, VideoTechnique, Tag,
    Exhibit, ExhibitStop,  # issue 16
]  # fmt: skip


def retire_cached_pages(sender, using=None, **kwargs):
    record_change(using=using or "default", changed=what_changed(sender, **kwargs))


def refresh_vectors_later(video_ids, using):
    ids = list(video_ids)
    if ids:
        transaction.on_commit(
            lambda: refresh_search_vectors(ids, using=using), using=using
        )


def video_saved(sender, instance, using, **kwargs):
    refresh_vectors_later([instance.pk], using)


def essay_saved(sender, instance, using, **kwargs):
    refresh_vectors_later([instance.video_id], using)


def credit_saved(sender, instance, using, **kwargs):
    """A director credited or uncredited one by one (the admin's inline, fixtures)."""
    refresh_vectors_later([instance.video_id], using)


def credits_changed(sender, instance, action, using, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, Video
    ):
        refresh_vectors_later([instance.pk], using)


def credited_name_saved(sender, instance, using, **kwargs):
    refresh_vectors_later(instance.videos.values_list("pk", flat=True), using)


def connect():
    for model in VISIBLE_MODELS:
        post_save.connect(
            retire_cached_pages, sender=model, dispatch_uid=f"retire-{model}"
        )
        post_delete.connect(
            retire_cached_pages, sender=model, dispatch_uid=f"gone-{model}"
        )
    for through in (
        Video.artists.through,
        Video.directors.through,
        Technique.descends_from.through,
    ):
        m2m_changed.connect(
            retire_cached_pages, sender=through, dispatch_uid=f"m2m-{through}"
        )
    post_save.connect(video_saved, sender=Video, dispatch_uid="search-video")
    post_save.connect(essay_saved, sender=Essay, dispatch_uid="search-essay")
    post_delete.connect(essay_saved, sender=Essay, dispatch_uid="search-essay-gone")
    post_save.connect(credit_saved, sender=DirectorCredit, dispatch_uid="search-credit")
    post_delete.connect(
        credit_saved, sender=DirectorCredit, dispatch_uid="search-credit-gone"
    )
    for through in (Video.artists.through, Video.directors.through):
        m2m_changed.connect(
            credits_changed, sender=through, dispatch_uid=f"search-{through}"
        )
    for model in (Artist, Director):
        post_save.connect(
            credited_name_saved, sender=model, dispatch_uid=f"search-{model}"
        )
