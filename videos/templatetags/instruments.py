"""Template tags for the archive's instruments (issue 16): compare, player."""

from django import template

from videos.pages.compare import compare_path
from videos.pages.player import player_for as player_of

register = template.Library()


@register.simple_tag
def compare_url(first, second):
    """The canonical /compare/ address of two videos, given in either order."""
    return compare_path(first, second)


@register.simple_tag
def player_for(video):
    """The click-to-load player for `video`'s watch URL (YouTube or Vimeo), or None."""
    return player_of(video.watch_url)
