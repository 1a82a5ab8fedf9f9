"""External identifiers: where the same video or person is found in other databases
(issue 18, item 3). Each is optional, checked by its format, and never invented: an
editor fills one in only where a source gives it.
"""

from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models

from videos.models.validators import limited

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
MBID_SHAPE = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, in lower-case hex"


@dataclass(frozen=True)
class Scheme:
    """One kind of identifier: its field, its key in JSON, its format and its link."""

    field: str
    key: str
    label: str
    pattern: str
    link: str  # with {} where the identifier goes
    example: str
    where: str  # where an editor finds it

    def validator(self):
        return RegexValidator(
            f"^{self.pattern}$", f"{self.label} identifiers look like {self.example}."
        )

    def model_field(self, max_length):
        return models.CharField(
            f"{self.label} id",
            max_length=max_length,
            blank=True,
            validators=[self.validator()],
            help_text=limited(
                max_length,
                f"Optional, only where a source gives it. {self.where} "
                f"(e.g. {self.example}).",
            ),
        )

    def url(self, value):
        return self.link.format(value)


WIKIDATA = Scheme(
    "wikidata_id",
    "wikidata",
    "Wikidata",
    r"Q[1-9][0-9]{0,11}",
    "https://www.wikidata.org/wiki/{}",
    "Q42",
    "The item's QID, from the top of its Wikidata page",
)
MUSICBRAINZ_ARTIST = Scheme(
    "musicbrainz_id",
    "musicbrainz",
    "MusicBrainz",
    UUID,
    "https://musicbrainz.org/artist/{}",
    MBID_SHAPE,
    "The artist MBID at the end of musicbrainz.org/artist/…",
)
MUSICBRAINZ_RECORDING = Scheme(
    "musicbrainz_id",
    "musicbrainz",
    "MusicBrainz",
    UUID,
    "https://musicbrainz.org/recording/{}",
    MBID_SHAPE,
    "The video recording's MBID at the end of musicbrainz.org/recording/…",
)
IMVDB_VIDEO = Scheme(
    "imvdb_id",
    "imvdb",
    "IMVDb",
    r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*",
    "https://imvdb.com/video/{}",
    "dire-straits/money-for-nothing",
    "The part after imvdb.com/video/",
)
IMVDB_PERSON = Scheme(
    "imvdb_id",
    "imvdb",
    "IMVDb",
    r"[a-z0-9][a-z0-9-]*",
    "https://imvdb.com/n/{}",
    "spike-jonze",
    "The part after imvdb.com/n/",
)
YOUTUBE = Scheme(
    "youtube_id",
    "youtube",
    "YouTube",
    r"[-_0-9A-Za-z]{11}",
    "https://www.youtube.com/watch?v={}",
    "dQw4w9WgXcQ",
    "The official upload's video id, after watch?v= (the artist's or label's own "
    "channel only)",
)
VIMEO = Scheme(
    "vimeo_id",
    "vimeo",
    "Vimeo",
    r"[1-9][0-9]{0,11}",
    "https://vimeo.com/{}",
    "76979871",
    "The official upload's number, after vimeo.com/",
)


class Identified(models.Model):
    """Rows with external identifiers; subclasses name their `schemes`."""

    schemes = ()

    class Meta:
        abstract = True

    def identifiers(self):
        """{key: identifier or None} for every scheme, as the JSON gives them."""
        return {
            scheme.key: getattr(self, scheme.field) or None for scheme in self.schemes
        }

    def identifier_links(self):
        """[(label, identifier, url)] for the identifiers this row has."""
        return [
            (scheme.label, value, scheme.url(value))
            for scheme in self.schemes
            if (value := getattr(self, scheme.field))
        ]

    @property
    def same_as(self):
        """The identifiers' URLs: schema.org's sameAs."""
        return [url for _label, _value, url in self.identifier_links()]


class IdentifiedPerson(Identified):
    """An artist or a director in Wikidata, MusicBrainz and IMVDb."""

    schemes = (WIKIDATA, MUSICBRAINZ_ARTIST, IMVDB_PERSON)

    wikidata_id = WIKIDATA.model_field(20)
    musicbrainz_id = MUSICBRAINZ_ARTIST.model_field(36)
    imvdb_id = IMVDB_PERSON.model_field(200)

    class Meta:
        abstract = True


class IdentifiedVideo(Identified):
    """A video in Wikidata, MusicBrainz, IMVDb, and its official upload."""

    schemes = (WIKIDATA, MUSICBRAINZ_RECORDING, IMVDB_VIDEO, YOUTUBE, VIMEO)

    wikidata_id = WIKIDATA.model_field(20)
    musicbrainz_id = MUSICBRAINZ_RECORDING.model_field(36)
    imvdb_id = IMVDB_VIDEO.model_field(300)
    youtube_id = YOUTUBE.model_field(11)
    vimeo_id = VIMEO.model_field(12)

    class Meta:
        abstract = True
