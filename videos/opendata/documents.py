"""The archive's rows as JSON documents: one definition for the API, the bulk export
and the citations.

Each builder takes `absolute`, which turns a path into a full URL (a request's
`build_absolute_uri` in a view, the site's address in `build_open_data`). Field names are
a public contract (README.md, "Open data", and /api/openapi.json): add fields, never rename
or remove one.
"""

from django.urls import reverse

from videos.models.confidence import MEANINGS
from videos.opendata.licences import LICENCE
from videos.pages.citations import essay_author, video_version


def named(rows):
    return [{"slug": row.slug, "name": row.name} for row in rows]


def iso(value):
    return value.isoformat() if value else None


def confidence(rated):
    """How sure the archive is, with the reason in words; null level when unrated."""
    level = rated.confidence or None
    reason = rated.confidence_reason or MEANINGS.get(rated.confidence, "")
    return {"level": level, "reason": reason}


def identified(row):
    """The row's external identifiers and their links (schema.org's sameAs)."""
    return {"identifiers": row.identifiers(), "same_as": row.same_as}


def video_row(video, absolute):
    """One video as a row of the timeline export (JSON; CSV joins the lists)."""
    essay = getattr(video, "essay", None)
    return {
        "slug": video.slug,
        "title": video.title,
        "artists": named(video.artists.all()),
        "directors": named(video.directors.all()),
        "year": video.year,
        "techniques": named(claim.technique for claim in video.claims.all()),
        "tags": named(video.tags.all()),
        "verdict": essay.verdict if essay else None,
        "url": absolute(video.get_absolute_url()),
    }


def claim_document(claim):
    return {
        "technique": {"slug": claim.technique.slug, "name": claim.technique.name},
        "primary": claim.is_primary,
        "usage": claim.usage,
        "tool": claim.tool,
        "studio": claim.studio,
        "timecode_seconds": claim.timecode_seconds,
        "source_url": claim.source_url,
        "confidence": confidence(claim),
    }


def source_document(source):
    return {
        "title": source.title,
        "publication": source.publication,
        "author": source.author,
        "date": iso(source.date),
        "url": source.url,
        "retrieved": iso(source.retrieved),
        "quote": source.quote,
        "archive_url": source.archive_url,
    }


def moment_document(moment, claims_by_id):
    claim = claims_by_id.get(moment.claim_id)
    return {
        "seconds": moment.seconds,
        "what": moment.what,
        "technique": claim.technique.slug if claim else None,
        "source": {
            "title": moment.source_title,
            "publication": moment.source_publication,
            "url": moment.source_url,
        },
    }


def linked_video(video, absolute, note):
    return {
        "slug": video.slug,
        "title": video.title,
        "year": video.year,
        "url": absolute(video.get_absolute_url()),
        "note": note,
    }


def essay_document(essay):
    if essay is None:
        return None
    return {
        "headline": essay.headline,
        "verdict": essay.verdict,
        "body": essay.body,
        "author": essay_author(essay),
        "updated": iso(essay.updated_at),
    }


def cite_links(absolute, url_name, slug):
    return {
        fmt: absolute(reverse(url_name, args=[slug, extension]))
        for fmt, extension in (("bibtex", "bib"), ("csl_json", "json"), ("ris", "ris"))
    }


def video_document(video, absolute):
    """/videos/<slug>.json, from the video page's shape (`for_detail()`)."""
    claims = list(video.claims.all())
    claims_by_id = {claim.pk: claim for claim in claims}
    return {
        **video_row(video, absolute),
        "release_date": iso(video.release_date),
        "watch_url": video.watch_url,
        "essay": essay_document(getattr(video, "essay", None)),
        "sources": [source_document(source) for source in video.sources.all()],
        "claims": [claim_document(claim) for claim in claims],
        "confidence": confidence(video),
        "precedents": [
            linked_video(link.earlier, absolute, link.note)
            for link in video.precedent_links.all()
        ],
        "echoed_by": [
            linked_video(link.later, absolute, link.note)
            for link in video.echo_links.all()
        ],
        "moments": [moment_document(m, claims_by_id) for m in video.moments.all()],
        **identified(video),
        "version": iso(video_version(video)),
        "cite": cite_links(absolute, "videos:video_cite", video.slug),
        "licence": LICENCE,
    }


def lineage_document(techniques, absolute):
    return [
        {
            "slug": technique.slug,
            "name": technique.name,
            "generation": technique.generation,
            "url": absolute(technique.get_absolute_url()),
        }
        for technique in techniques
    ]


def counted(row):
    """How many public videos link to the row, and the years they span."""
    return {
        "video_count": row.video_count,
        "first_year": row.first,
        "last_year": row.last,
    }


def timeline_link(absolute, parameter, slug):
    return absolute(f"{reverse('videos:timeline_json')}?{parameter}={slug}")


def technique_row(technique, absolute):
    """A row of /techniques.json, from `with_public_counts().with_lineage()`."""
    return {
        "slug": technique.slug,
        "name": technique.name,
        "summary": technique.summary,
        "first_used_year": technique.first_used_year,
        "colour": technique.colour,
        **counted(technique),
        "descends_from": sorted(
            parent.slug for parent in technique.descends_from.all()
        ),
        "url": absolute(technique.get_absolute_url()),
        "json_url": absolute(reverse("videos:technique_json", args=[technique.slug])),
    }


def technique_document(technique, lineage, absolute, version):
    ancestors, descendants = lineage
    return {
        **technique_row(technique, absolute),
        "essay": technique.essay,
        "lineage": {
            "ancestors": lineage_document(ancestors, absolute),
            "descendants": lineage_document(descendants, absolute),
        },
        "timeline": timeline_link(absolute, "technique", technique.slug),
        "version": iso(version),
        "cite": cite_links(absolute, "videos:technique_cite", technique.slug),
        "licence": LICENCE,
    }


def director_document(director, techniques_used, absolute):
    artist = director.also_artist
    return {
        "slug": director.slug,
        "name": director.name,
        "bio": director.bio,
        "links": director.link_list,
        **counted(director),
        "techniques_used": [
            {"slug": t.slug, "name": t.name, "video_count": t.video_count}
            for t in techniques_used
        ],
        "also_artist": artist.slug if artist else None,
        **identified(director),
        "url": absolute(director.get_absolute_url()),
        "timeline": timeline_link(absolute, "director", director.slug),
        "licence": LICENCE,
    }


def artist_document(artist, also_director, absolute):
    return {
        "slug": artist.slug,
        "name": artist.name,
        **counted(artist),
        "also_director": also_director.slug if also_director else None,
        **identified(artist),
        "url": absolute(artist.get_absolute_url()),
        "timeline": timeline_link(absolute, "artist", artist.slug),
        "licence": LICENCE,
    }


def tag_document(tag, counts, absolute):
    return {
        "slug": tag.slug,
        "name": tag.name,
        "video_count": counts["video_count"],
        "first_year": counts["first"],
        "last_year": counts["last"],
        "url": absolute(reverse("videos:tag", args=[tag.slug])),
        "timeline": timeline_link(absolute, "tag", tag.slug),
        "licence": LICENCE,
    }
