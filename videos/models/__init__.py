"""The archive's domain, one module per part of it."""

from .archive_state import ArchiveState
from .credits import Artist, Director
from .essays import Essay, Source
from .techniques import Technique
from .validators import (
    EARLIEST_YEAR,
    LATEST_YEAR_IN_DATABASE,
    validate_not_after_next_year,
)
from .videos import Precedent, TaggedVideo, Video, VideoTechnique

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR_IN_DATABASE",
    "ArchiveState",
    "Artist",
    "Director",
    "Essay",
    "Precedent",
    "Source",
    "TaggedVideo",
    "Technique",
    "Video",
    "VideoTechnique",
    "validate_not_after_next_year",
]
