"""The archive's domain, one module per part of it."""

from videos.models.confidence import Confidence
from videos.models.credits import Artist, Director, DirectorCredit
from videos.models.editorial import Correction, EditorPreference, ReviewStep
from videos.models.essays import Essay, Source
from videos.models.exhibits import Exhibit, ExhibitStop
from videos.models.jobs import Job
from videos.models.moments import Moment
from videos.models.techniques import Technique
from videos.models.validators import (
    EARLIEST_YEAR,
    LATEST_YEAR_IN_DATABASE,
    validate_not_after_next_year,
)
from videos.models.versions import ContentVersion
from videos.models.videos import Precedent, TaggedVideo, Video, VideoTechnique

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR_IN_DATABASE",
    "ContentVersion",
    "Artist",
    "Confidence",
    "Correction",
    "Director",
    "EditorPreference",
    "DirectorCredit",
    "Essay",
    "Exhibit",
    "ExhibitStop",
    "Job",
    "Moment",
    "Precedent",
    "ReviewStep",
    "Source",
    "TaggedVideo",
    "Technique",
    "Video",
    "VideoTechnique",
    "validate_not_after_next_year",
]
