"""The click-to-load player (issue 16, item 5).

A video page whose watch URL is a YouTube or Vimeo upload shows our own still with a play
button, which is a plain link to the upload (so it works without JavaScript). Until the
reader clicks, nothing is requested from YouTube or Vimeo; on the click, static/js/
player.js swaps in the host's privacy-enhanced player (youtube-nocookie.com, Vimeo with
dnt=1) at the chosen time, and a moment's link loads it at that moment. Other hosts get no
player: the archive never guesses how to embed them. The CSP's frame-src allows exactly
these two players (archive/settings.py).
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

# The only origins the player frames, and the CSP's frame-src.
FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
YOUTUBE_PATHS = ("/embed/", "/shorts/", "/live/", "/v/")
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIMEO_PATH = re.compile(
    r"^/(?:video/|channels/[\w-]+/|groups/[\w-]+/videos/)?(\d+)(?:/([0-9a-f]+))?/?$"
)


@dataclass(frozen=True)
class Player:
    host: str  # "YouTube" or "Vimeo"
    watch_url: str
    # The player's address with "{seconds}" where the start time goes.
    embed_template: str

    def embed_at(self, seconds=0):
        return self.embed_template.replace("{seconds}", str(int(seconds)))


def youtube_id(parts):
    if parts.hostname == "youtu.be":
        candidate = parts.path.strip("/")
    elif parts.hostname in YOUTUBE_HOSTS and parts.path == "/watch":
        candidate = parse_qs(parts.query).get("v", [""])[0]
    elif parts.hostname in YOUTUBE_HOSTS and parts.path.startswith(YOUTUBE_PATHS):
        candidate = parts.path.rstrip("/").rsplit("/", 1)[-1]
    else:
        return None
    return candidate if YOUTUBE_ID.match(candidate) else None


def player_for(watch_url):
    """The click-to-load player for a YouTube or Vimeo watch URL, or None."""
    if not watch_url:
        return None
    parts = urlsplit(watch_url)
    if parts.scheme not in ("http", "https"):
        return None
    video_id = youtube_id(parts)
    if video_id:
        embed = "https://www.youtube-nocookie.com/embed/{}?autoplay=1&start={{seconds}}"
        return Player("YouTube", watch_url, embed.format(video_id))
    match = VIMEO_PATH.match(parts.path) if parts.hostname in VIMEO_HOSTS else None
    if match:
        video_id, unlisted = match.groups()
        hash_parameter = f"&h={unlisted}" if unlisted else ""
        embed = (
            f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1"
            f"{hash_parameter}#t={{seconds}}s"
        )
        return Player("Vimeo", watch_url, embed)
    return None
