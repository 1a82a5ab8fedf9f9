"""What a video page tells search engines and link previews: schema.org JSON-LD."""


def video_description(video):
    """One line for JSON-LD, Open Graph and Twitter cards: the essay's claim, or the facts."""
    essay = getattr(video, "essay", None)
    if essay:
        return essay.headline
    techniques = ", ".join(claim.technique.name for claim in video.claims.all())
    return f"{video.title} ({video.year}), made with {techniques.lower()}."


def person(director, request):
    url = request.build_absolute_uri(director.get_absolute_url())
    return {"@type": "Person", "name": director.name, "url": url}


def music_group(artist, request):
    # schema.org's MusicGroup "can also be a solo musician", so it fits every artist.
    url = request.build_absolute_uri(artist.get_absolute_url())
    return {"@type": "MusicGroup", "name": artist.name, "url": url}


def music_video_object(video, request):
    """A schema.org MusicVideoObject for one video, from its for_detail() shape."""
    published = (
        video.release_date.isoformat() if video.release_date else str(video.year)
    )
    data = {
        "@context": "https://schema.org",
        "@type": "MusicVideoObject",
        "name": video.title,
        "url": request.build_absolute_uri(video.get_absolute_url()),
        "byArtist": [music_group(artist, request) for artist in video.artists.all()],
        "director": [person(director, request) for director in video.directors.all()],
        "datePublished": published,
        "description": video_description(video),
    }
    if video.thumbnail:
        data["image"] = request.build_absolute_uri(video.thumbnail.url)
    return data
