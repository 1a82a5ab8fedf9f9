"""A video page's "Changes": when its published entry was revised, and why (issue 17,
item 5), in the manner of Wikipedia's history, for readers.

Only edits made while the entry was public and that left it public are listed: a draft's
edits, the save that published it and edits before a scheduled publication are not
revisions a reader could have seen. An editor is named only if they chose to be (their
public credit in the admin); otherwise a revision shows its date and note alone.
"""

from dataclasses import dataclass
from datetime import datetime

from videos.editorial.entry_history import entry_saves
from videos.models.editorial import public_names

PUBLIC_CHANGES_SHOWN = 10


@dataclass(frozen=True)
class PublicChange:
    at: datetime
    comment: str  # the editor's "why", or "" when they gave none
    editor: str = ""  # their name, only if they chose to be named


def public_changes(video, shown=PUBLIC_CHANGES_SHOWN):
    """The latest revisions of the published entry, newest first, in one query (and one
    more for the names of their editors who chose to be named, when there are any)."""
    if video.pk is None:
        return []
    revisions = [save for save in entry_saves(video.pk) if save.made_while_public]
    revisions = revisions[:shown]
    names = public_names({save.user_id for save in revisions}) if revisions else {}
    return [
        PublicChange(save.at, save.reason, names.get(save.user_id, ""))
        for save in revisions
    ]
