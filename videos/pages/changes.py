"""A video page's "Changes": when its published entry was revised, and why (issue 17,
item 5), in the manner of Wikipedia's history, for readers.

Only edits made while the entry was public and that left it public are listed: a draft's
edits, the save that published it and edits before a scheduled publication are not
revisions a reader could have seen. Editors' names are not shown: there is no per-editor
choice to be named yet, so no one is named without having chosen it.
"""

from dataclasses import dataclass
from datetime import datetime

from videos.editorial.entry_history import entry_saves

PUBLIC_CHANGES_SHOWN = 10


@dataclass(frozen=True)
class PublicChange:
    at: datetime
    comment: str  # the editor's "why", or "" when they gave none


def public_changes(video, shown=PUBLIC_CHANGES_SHOWN):
    """The latest revisions of the published entry, newest first, in one query."""
    if video.pk is None:
        return []
    revisions = (save for save in entry_saves(video.pk) if save.made_while_public)
    changes = []
    for save in revisions:
        changes.append(PublicChange(save.at, save.reason))
        if len(changes) == shown:
            break
    return changes
