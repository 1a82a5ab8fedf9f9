"""What pages tell search engines, link previews and linked-data readers: schema.org
JSON-LD, with every type and property used as schema.org defines it (issue 18, item 4;
tests/pages/test_structured_data.py checks each against a pinned copy of the vocabulary).

- A video is both a `MusicVideoObject` and a `VideoObject`: only the latter defines
  `director` and `musicBy` (`byArtist` belongs to recordings and albums).
- The essay is its `review`, a `CriticReview` whose rating is the verdict.
- Techniques are `DefinedTerm`s in the archive's `DefinedTermSet`; a video names its
  techniques in `keywords`, whose range includes DefinedTerm.
- Sources are `citation`s, with their archived copy as `archivedAt`.
- People and groups carry their external identifiers as `sameAs`.
- An exhibit is an `ItemList` of its stops' videos, in order.
"""

from django.urls import reverse

from videos.opendata.licences import ARCHIVE_NAME, ESSAYS
from videos.pages.citations import essay_author

CONTEXT = "https://schema.org"
VERDICT_MEANINGS = {
    "justified": "The technique carries the idea.",
    "gimmick": "The technique is the idea, and the idea beneath it is thin.",
    "contested": "A fair case exists both ways.",
}


def video_description(video):
    """One line for JSON-LD, Open Graph and Twitter cards: the essay's claim, or the facts."""
    essay = getattr(video, "essay", None)
    if essay:
        return essay.headline
    techniques = ", ".join(claim.technique.name for claim in video.claims.all())
    return f"{video.title} ({video.year}), made with {techniques.lower()}."


def with_same_as(data, row):
    same_as = row.same_as
    return {**data, "sameAs": same_as} if same_as else data


def person(director, absolute):
    url = absolute(director.get_absolute_url())
    return with_same_as(
        {"@type": "Person", "name": director.name, "url": url}, director
    )


def music_group(artist, absolute):
    # schema.org's MusicGroup "can also be a solo musician", so it fits every artist.
    url = absolute(artist.get_absolute_url())
    return with_same_as(
        {"@type": "MusicGroup", "name": artist.name, "url": url}, artist
    )


def organisation(absolute):
    return {"@type": "Organization", "name": ARCHIVE_NAME, "url": absolute("/")}


def term_set(absolute):
    return {
        "@type": "DefinedTermSet",
        "name": f"{ARCHIVE_NAME}: techniques",
        "url": absolute(reverse("videos:techniques")),
    }


def defined_term(technique, absolute):
    return {
        "@type": "DefinedTerm",
        "name": technique.name,
        "description": technique.summary,
        "termCode": technique.slug,
        "url": absolute(technique.get_absolute_url()),
        "inDefinedTermSet": term_set(absolute),
    }


def review(essay, absolute):
    name = essay_author(essay)
    author = organisation(absolute) if name == ARCHIVE_NAME else {
        "@type": "Person", "name": name
    }  # fmt: skip
    return {
        "@type": "CriticReview",
        "name": essay.headline,
        "reviewBody": essay.opening,
        "author": author,
        "publisher": organisation(absolute),
        "dateCreated": essay.created_at.isoformat(),
        "dateModified": essay.updated_at.isoformat(),
        "reviewAspect": "Whether the technology served the song's idea",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": essay.verdict,
            "name": essay.get_verdict_display(),
            "description": VERDICT_MEANINGS[essay.verdict],
        },
        "license": ESSAYS["url"],
        "inLanguage": "en",
    }


def citation(source):
    cited = {"@type": "CreativeWork", "name": source.title, "url": source.url}
    if source.publication:
        cited["publisher"] = {"@type": "Organization", "name": source.publication}
    if source.date:
        cited["datePublished"] = source.date.isoformat()
    cited["archivedAt"] = source.archive_url
    return cited


def music_video_object(video, request):
    """A video page's JSON-LD, from its for_detail() shape."""
    absolute = request.build_absolute_uri
    published = (
        video.release_date.isoformat() if video.release_date else str(video.year)
    )
    data = {
        "@context": CONTEXT,
        "@type": ["MusicVideoObject", "VideoObject"],
        "name": video.title,
        "url": absolute(video.get_absolute_url()),
        "musicBy": [music_group(artist, absolute) for artist in video.artists.all()],
        "director": [person(director, absolute) for director in video.directors.all()],
        "datePublished": published,
        "description": video_description(video),
        "keywords": [defined_term(c.technique, absolute) for c in video.claims.all()]
        + [tag.name for tag in video.tags.all()],
        "citation": [citation(source) for source in video.sources.all()],
    }
    if video.thumbnail:
        data["image"] = data["thumbnailUrl"] = absolute(video.thumbnail.url)
    essay = getattr(video, "essay", None)
    if essay:
        data["review"] = review(essay, absolute)
    return with_same_as(data, video)


def technique_data(technique, request):
    return {"@context": CONTEXT, **defined_term(technique, request.build_absolute_uri)}


def director_data(director, request):
    return {"@context": CONTEXT, **person(director, request.build_absolute_uri)}


def artist_data(artist, request):
    return {"@context": CONTEXT, **music_group(artist, request.build_absolute_uri)}


def exhibit_data(exhibit, request, stops=None):
    """An exhibit as an ordered list of its stops' videos (reads prefetched stops)."""
    absolute = request.build_absolute_uri
    stops = list(exhibit.stops.all()) if stops is None else stops
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": exhibit.title,
        "description": exhibit.opening,
        "url": absolute(exhibit.get_absolute_url()),
        "numberOfItems": len(stops),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "item": {
                    "@type": ["MusicVideoObject", "VideoObject"],
                    "name": stop.video.title,
                    "url": absolute(stop.video.get_absolute_url()),
                },
            }
            for number, stop in enumerate(stops, 1)
        ],
    }
