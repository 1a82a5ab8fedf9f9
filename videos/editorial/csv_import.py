"""Editors' bulk import of videos from a CSV shaped like ../shared/data/milestones.csv.

Shared by `manage.py import_videos` and the admin's upload form. Every row is checked
before anything is written; then every row is written in one transaction, or none is.
A new video is published only if it passes the checks before publishing
(videos/editorial/publish_checks.py); a CSV carries no essay, so in practice new rows
arrive as drafts for a writer to finish. Existing videos keep their status.
What a row replaces and what it only fills in is described in README.md ("Importing").
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Max
from django.utils import timezone

from videos.editorial.csv_rows import (
    NO_PROGRESS,
    ImportReport,
    archive_slug,
    check_table,
    unique_by_slug,
)
from videos.editorial.publish_checks import problems_before_publishing
from videos.models import (
    Artist,
    Director,
    DirectorCredit,
    Source,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.versions import deferred_version


def assign(instance, **values):
    """Set the fields that differ; True if any did."""
    changed = {
        name for name, value in values.items() if getattr(instance, name) != value
    }
    for name in changed:
        setattr(instance, name, values[name])
    return bool(changed)


def named_row(model, name):
    """An artist or director by name (any case), else by slug, else created."""
    return (
        existing_named(model, name)
        or model.objects.get_or_create(
            slug=archive_slug(name), defaults={"name": name}
        )[0]
    )


def existing_named(model, name):
    found = model.objects.filter(name__iexact=name).first()
    return found or model.objects.filter(slug=archive_slug(name)).first()


def links_differ(video, relation, model, names):
    """Whether the row names other artists than the video has."""
    if video.pk is None:
        return True
    named = [existing_named(model, name) for name in names]
    current = {row.pk for row in getattr(video, relation).all()}
    return None in named or {row.pk for row in named} != current


def credits_differ(video, names):
    """Whether the row credits other directors than the video, or in another order."""
    if video.pk is None:
        return True
    named = [existing_named(Director, name) for name in names]
    credited = DirectorCredit.objects.filter(video=video).order_by("position", "pk")
    current = list(credited.values_list("director_id", flat=True))
    return None in named or [row.pk for row in named] != current


@dataclass
class ClaimPlan:
    """What a row changes in a video's claims, worked out before anything is written."""

    stale: list  # claims for techniques the row no longer lists
    demoted: list  # primaries that step down first (one primary per video)
    wanted: list  # (claim, values) in the row's order, the first primary

    @property
    def changes(self):
        return bool(self.stale or self.demoted) or any(
            claim.pk is None or differs(claim, values) for claim, values in self.wanted
        )

    def apply(self):
        for claim in self.stale:
            claim.delete()
        for claim in self.demoted:
            claim.is_primary = False
            claim.save(update_fields=["is_primary"])
        for claim, values in self.wanted:
            if assign(claim, **values) or claim.pk is None:
                claim.save()


def plan_claims(video, row, techniques):
    """The row's techniques, the first primary; claim details only fill empty fields."""
    wanted = [techniques[planned.slug].pk for planned in row.techniques]
    existing = {claim.technique_id: claim for claim in video.claims.all()}
    plan = ClaimPlan(
        stale=[claim for pk, claim in existing.items() if pk not in wanted],
        demoted=[c for pk, c in existing.items() if c.is_primary and pk in wanted[1:]],
        wanted=[],
    )
    for index, technique_pk in enumerate(wanted):
        claim = existing.get(technique_pk) or VideoTechnique(
            video=video, technique_id=technique_pk
        )
        values = {
            "is_primary": index == 0,
            "source_url": claim.source_url or row.source_url,
        }
        if index == 0:
            values.update(
                usage=claim.usage or row.note, studio=claim.studio or row.studio
            )
        plan.wanted.append((claim, values))
    return plan


def differs(instance, values):
    return any(getattr(instance, name) != value for name, value in values.items())


def needs_source(video, row):
    if not row.source_url:
        return False
    return video.pk is None or not video.sources.filter(url=row.source_url).exists()


def save_source(video, row):
    last = video.sources.aggregate(last=Max("position"))["last"]
    Source.objects.create(
        video=video,
        url=row.source_url,
        title=urlsplit(row.source_url).hostname.removeprefix("www."),
        position=0 if last is None else last + 1,
    )


def save_row(row, techniques, now):
    """Create or update one video; returns "created", "updated" or "unchanged".

    The video's row is locked first and saved before its links whenever anything
    changes, so its change marker (`updated_at`) moves, an editor's form opened before
    is refused, and its revision precedes its links' in the history (as in the admin).
    """
    video = Video.objects.select_for_update(no_key=True).filter(slug=row.slug).first()
    created = video is None
    if created:  # a draft until it passes the checks before publishing
        video = Video(slug=row.slug, status=Video.Status.DRAFT)
    fields_changed = assign(video, title=row.title, year=row.year)
    artists_changed = links_differ(video, "artists", Artist, row.artists)
    directors_changed = credits_differ(video, row.directors)
    claims = plan_claims(video, row, techniques) if video.pk else None
    source_wanted = needs_source(video, row)
    if not (
        created
        or fields_changed
        or artists_changed
        or directors_changed
        or claims.changes
        or source_wanted
    ):
        return "unchanged", video
    video.save()
    if artists_changed:
        video.artists.set([named_row(Artist, name) for name in row.artists])
    if directors_changed:
        directors = [named_row(Director, name) for name in row.directors]
        DirectorCredit.objects.replace(video, directors)
    (claims or plan_claims(video, row, techniques)).apply()
    if source_wanted:
        save_source(video, row)
    if created and not problems_before_publishing(video):
        video.status, video.published_at = Video.Status.PUBLISHED, now
        video.save(update_fields=["status", "published_at", "updated_at"])
    return ("created" if created else "updated"), video


def save_techniques(rows, report):
    techniques = {}
    for planned in unique_by_slug(p for row in rows for p in row.techniques):
        technique, created = Technique.objects.get_or_create(
            slug=planned.slug, defaults={"name": planned.name, "summary": planned.name}
        )
        techniques[planned.slug] = technique
        if created:
            report.new_techniques.append(technique.name)
    return techniques


def import_videos(text, progress=NO_PROGRESS):
    """Check every row of a CSV text, then write them all in one transaction or none.

    The transaction takes the collection's version once, as its last write
    (`deferred_version`), so editors saving other videos meanwhile never wait on it.
    Thumbnails are the caller's to draw, for `report.changed_ids`, once it returns.
    """
    rows, problems = check_table(text, progress)
    report = ImportReport(rows=len(rows), problems=problems)
    if problems:
        return report
    now = timezone.now()
    with deferred_version():
        techniques = save_techniques(rows, report)
        progress.start("writing", len(rows))
        for row in rows:
            outcome, video = save_row(row, techniques, now)
            getattr(report, outcome).append(row.title)
            if outcome == "created" and video.status == Video.Status.DRAFT:
                report.drafts.append(row.title)
            if outcome != "unchanged":
                report.changed_ids.append(video.pk)
            progress.advance()
    return report


def decode_upload(data):
    """CSV bytes as text, or None when they are not UTF-8 (a BOM is allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
