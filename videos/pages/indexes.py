"""The index pages' order and counts: directors by surname, artists by name (without a
leading "The"), tags with their public videos (issue 15)."""

import unicodedata

from django.db.models import Count
from taggit.models import Tag

from videos.models import Video

SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
PARTICLES = {
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "van",
    "von",
    "der",
    "den",
    "le",
    "la",
}
GROUP_WORDS = {"labs", "studio", "studios", "collective"}


def folded(text):
    """`text` for comparing: no accents, no case ("Åkerlund" sorts with "Akerlund")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def surname_key(name):
    """How a director sorts: by surname ("Jonze, Spike"), particles kept with it ("Du
    Preez"), Jr. ignored. A name of one word, a stage name whose first word is in
    capitals ("OK Go") and a collective ("Syyn Labs", "We Are From L.A.") sort whole."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in SUFFIXES:
        words = words[:-1]
    is_group = (
        len(words) == 1
        or (words[0].isupper() and len(words[0]) > 1)
        or words[0].casefold() in {"we", "the"}
        or any(word.casefold() in GROUP_WORDS for word in words)
    )
    if is_group:
        return (folded(name), "")
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    return (folded(" ".join(words[start:])), folded(" ".join(words[:start])))


def by_surname(directors):
    return sorted(directors, key=lambda director: surname_key(director.name))


def title_key(name):
    """How an artist sorts: "The Buggles" with the Bs."""
    text = folded(name)
    return text[4:] if text.startswith("the ") else text


def by_title(artists):
    return sorted(artists, key=lambda artist: title_key(artist.name))


def tags_with_public_counts():
    """Tags on public videos, each with `video_count`, in name order: one query."""
    return (
        Tag.objects.filter(
            videos_taggedvideo_items__content_object__in=Video.objects.published()
        )
        .annotate(video_count=Count("videos_taggedvideo_items", distinct=True))
        .order_by("name")
    )
