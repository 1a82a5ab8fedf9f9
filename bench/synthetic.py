"""A synthetic archive at scale, for benchmarks (issue 5, "Speed at archive scale").

Every generated row is labelled as such: videos are ``synthetic-000123``, people are
"Synthetic Artist 0123" / "Synthetic Director 0123", tags are ``synthetic-tag-love``. They sit
beside the curated collection and claim its real techniques; `remove()` finds them by those
slugs alone, so curated rows are never touched.

Rows go in as plain tuples (`RowWriter`, M2M through rows included) and send no signals: no
revision history is written for them, and no title cards are drawn. What the signals would
have derived is done here once for all: search vectors (PostgreSQL) are filled and cached
pages retired.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import Exists, Max, OuterRef
from taggit.models import Tag

from bench.row_writer import RowWriter
from videos.models import (
    Artist,
    Director,
    Essay,
    Precedent,
    Source,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.versions import record_change
from videos.timeline.search import refresh_search_vectors

# No clock: the same seed gives the same rows on any day.
BASE_TIME = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
FIRST_YEAR, LAST_YEAR = 1975, 2025
VIDEOS_PER_ARTIST, VIDEOS_PER_DIRECTOR = 20, 50  # 5,000 and 2,000 at 100,000 videos
DRAFTS_EVERY = 97  # about 1% drafts, at fixed places so small archives have some too
CHUNK = 2_000  # videos generated, inserted and linked at a time

VIDEO_SLUG = r"^synthetic-[0-9]+$"
ARTIST_SLUG = r"^synthetic-artist-[0-9]+$"
DIRECTOR_SLUG = r"^synthetic-director-[0-9]+$"
TAG_SLUG = r"^synthetic-tag-[a-z]+$"

# Sixty themes: the tag vocabulary, and the words titles and essays are made of.
THEMES = [
    "love", "night", "city", "memory", "dance", "mirror", "ocean", "machine",
    "ghost", "fire", "summer", "winter", "rain", "neon", "desert", "highway",
    "river", "garden", "window", "shadow", "signal", "static", "satellite",
    "engine", "heart", "crowd", "stranger", "mother", "father", "childhood",
    "school", "factory", "harbour", "island", "forest", "mountain", "bridge",
    "tunnel", "subway", "motel", "diner", "arcade", "disco", "chrome", "velvet",
    "glass", "paper", "silver", "golden", "electric", "broken", "hollow", "distant",
    "midnight", "morning", "sunday", "fever", "echo", "orbit", "thunder",
]  # fmt: skip
ADJECTIVES = [
    "bright", "slow", "lost", "last", "golden", "electric", "broken", "quiet",
    "endless", "wild", "secret", "silver", "borrowed", "painted", "invisible",
    "restless",
]  # fmt: skip
CLAIMS_PER_VIDEO = ([1, 2, 3], [55, 30, 15])
TAGS_PER_VIDEO = ([0, 1, 2, 3, 4], [20, 30, 25, 15, 10])
PEOPLE_PER_VIDEO = ([1, 2], [85, 15])
VERDICTS = (
    [Essay.Verdict.JUSTIFIED, Essay.Verdict.GIMMICK, Essay.Verdict.CONTESTED],
    [45, 30, 25],
)
HEADLINES = {
    Essay.Verdict.JUSTIFIED: "{technique} carries a song about {theme}",
    Essay.Verdict.GIMMICK: "{technique} is the whole idea, and {theme} is the excuse",
    Essay.Verdict.CONTESTED: "{technique} and {theme}: a fair case both ways",
}


def theme_usage(technique, theme):
    return f"{technique.name} shapes the {theme} sequence (synthetic claim)."


def _artist_rows(video_id, spec):
    return [(video_id, pk) for pk in spec["artists"]]


def _director_rows(video_id, spec):
    return [(video_id, pk) for pk in spec["directors"]]


def _claim_rows(video_id, spec):
    return [
        (video_id, pk, index == 0, usage)
        for index, (pk, usage) in enumerate(spec["techniques"])
    ]


def _tag_rows(video_id, spec):
    return [(video_id, pk) for pk in spec["tags"]]


def _essay_rows(video_id, spec):
    headline, body, verdict = spec["essay"]
    return [(video_id, headline, body, verdict, spec["written"], spec["written"])]


# What each video links to, inserted straight into the tables behind the relations,
# with the columns each row sets.
LINK_MODELS = {
    Video.artists.through: (_artist_rows, ["video_id", "artist_id"]),
    Video.directors.through: (_director_rows, ["video_id", "director_id"]),
    VideoTechnique: (_claim_rows, ["video_id", "technique_id", "is_primary", "usage"]),
    TaggedVideo: (_tag_rows, ["content_object_id", "tag_id"]),
    Essay: (
        _essay_rows,
        ["video_id", "headline", "body", "verdict", "created_at", "updated_at"],
    ),
}
VIDEO_COLUMNS = [
    "id", "title", "slug", "year", "status", "published_at", "created_at", "updated_at",
]  # fmt: skip


def synthetic_videos():
    return Video.objects.filter(slug__startswith="synthetic-", slug__regex=VIDEO_SLUG)


@dataclass
class Counts:
    """Rows written per model, for the command's report."""

    rows: dict = field(default_factory=dict)

    def add(self, label, number):
        self.rows[label] = self.rows.get(label, 0) + number

    def __str__(self):
        return ", ".join(f"{n:,} {label}" for label, n in self.rows.items())


def _names(kind, count):
    width = max(4, len(str(count)))
    return [
        (f"Synthetic {kind.title()} {i:0{width}d}", f"synthetic-{kind}-{i:0{width}d}")
        for i in range(1, count + 1)
    ]


def _popularity(rng, count):
    """Cumulative weights giving a long tail: a few prolific names, many with a few videos."""
    weights = [1 / (rank + 1) ** 0.6 for rank in range(count)]
    rng.shuffle(weights)
    total, cumulative = 0.0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


class Generator:
    """Draws every value from one `random.Random(seed)`, in a fixed order."""

    def __init__(self, seed, videos):
        self.rng = random.Random(seed)
        self.videos = videos
        self.counts = Counts()
        self.width = max(6, len(str(videos)))
        self.techniques = list(Technique.objects.order_by("slug"))
        if not self.techniques:
            raise ValueError("The archive has no techniques to claim.")
        weight = {t.pk: self.rng.randint(1, 10) for t in self.techniques}
        self.eligible = {}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            techniques = self._in_use(year)
            self.eligible[year] = (techniques, [weight[t.pk] for t in techniques])

    def run(self):
        self.artist_ids = self._create_people(Artist, "artist", VIDEOS_PER_ARTIST)
        self.director_ids = self._create_people(
            Director, "director", VIDEOS_PER_DIRECTOR
        )
        self.artist_weights = _popularity(self.rng, len(self.artist_ids))
        self.director_weights = _popularity(self.rng, len(self.director_ids))
        self.tag_ids = self._tags()
        self._analyze([Artist, Director, Tag])
        self.writers = {
            model: RowWriter(model, columns)
            for model, (_, columns) in LINK_MODELS.items()
        }
        self.writers[Video] = RowWriter(Video, VIDEO_COLUMNS)
        # Ids are given, not returned row by row: the new videos follow the last one.
        self.next_id = (Video.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        for start in range(1, self.videos + 1, CHUNK):
            self._chunk(range(start, min(start + CHUNK, self.videos + 1)))
            if start == 1:
                self._analyze([Video, Essay, *LINK_MODELS])
        self._reset_sequence()
        return self.counts

    def _create_people(self, model, kind, videos_each):
        rows = [
            model(name=name, slug=slug)
            for name, slug in _names(kind, max(1, round(self.videos / videos_each)))
        ]
        created = model.objects.bulk_create(rows, batch_size=1_000)
        self.counts.add(model._meta.verbose_name_plural, len(created))
        return [row.pk for row in created]

    def _tags(self):
        # A synthetic tag that a curated video also uses survives --replace: reuse it.
        existing = dict(
            Tag.objects.filter(slug__regex=TAG_SLUG).values_list("slug", "pk")
        )
        wanted = [f"synthetic-tag-{theme}" for theme in THEMES]
        new = [Tag(name=slug, slug=slug) for slug in wanted if slug not in existing]
        for tag in Tag.objects.bulk_create(new):
            existing[tag.slug] = tag.pk
        self.counts.add("tags", len(new))
        return [existing[slug] for slug in wanted]

    def _in_use(self, year):
        """Techniques in use by `year`: no deepfake in 1986 (the earliest, if none)."""
        found = [
            t for t in self.techniques if (t.first_used_year or FIRST_YEAR) <= year
        ]
        earliest = min(t.first_used_year or FIRST_YEAR for t in self.techniques)
        return found or [t for t in self.techniques if t.first_used_year == earliest]

    def _chunk(self, numbers):
        specs = [self._video_spec(number) for number in numbers]
        videos = [spec.pop("video") for spec in specs]
        self.counts.add("videos", self.writers[Video].write(videos))
        video_ids = [video[0] for video in videos]
        rows = {model: [] for model in LINK_MODELS}
        for video, spec in zip(videos, specs, strict=True):
            for model, (build, _) in LINK_MODELS.items():
                rows[model].extend(build(video[0], spec))
        for model, values in rows.items():
            written = self.writers[model].write(values)
            self.counts.add(model._meta.verbose_name_plural, written)
        # While the chunk's rows are still in the database's memory: one pass over a
        # million rows at the end re-read them from disk (PostgreSQL: 7+ minutes).
        refresh_search_vectors(video_ids)

    def _analyze(self, models):
        """PostgreSQL plans the search-text queries from table statistics, which know
        nothing of rows this transaction wrote: with 50 artists on record it hashed
        every artist for each video (12 s a chunk at a million). ANALYZE counts them."""
        connection = connections["default"]
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(
                    f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}"
                )

    def _reset_sequence(self):
        """PostgreSQL hands out ids from a sequence that given ids don't move."""
        connection = connections["default"]
        statements = connection.ops.sequence_reset_sql(no_style(), [Video])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def _video_spec(self, number):
        """One video and the ids and values of everything linked to it."""
        rng = self.rng
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        theme, other = rng.sample(THEMES, 2)
        draft = number % DRAFTS_EVERY == 0
        published_at = BASE_TIME - timedelta(seconds=rng.randrange(4 * 365 * 86_400))
        as_stored = connections["default"].ops.adapt_datetimefield_value
        written = as_stored(BASE_TIME if draft else published_at)
        video_id, self.next_id = self.next_id, self.next_id + 1
        video = (  # in VIDEO_COLUMNS' order; created and updated when published
            video_id,
            f"{rng.choice(ADJECTIVES).title()} {theme.title()} "
            f"(synthetic {number:0{self.width}d})",
            f"synthetic-{number:0{self.width}d}",
            year,
            Video.Status.DRAFT if draft else Video.Status.PUBLISHED,
            None if draft else written,
            written,
            written,
        )
        techniques = self._techniques(year)
        return {
            "video": video,
            "written": as_stored(BASE_TIME),
            "artists": self._people(self.artist_ids, self.artist_weights),
            "directors": self._people(self.director_ids, self.director_weights),
            "techniques": [(t.pk, theme_usage(t, theme)) for t in techniques],
            "tags": self.rng.sample(self.tag_ids, rng.choices(*TAGS_PER_VIDEO)[0]),
            "essay": self._essay(techniques[0], theme, other),
        }

    def _people(self, ids, cum_weights):
        count = self.rng.choices(*PEOPLE_PER_VIDEO)[0]
        return list(
            dict.fromkeys(self.rng.choices(ids, cum_weights=cum_weights, k=count))
        )

    def _techniques(self, year):
        """1–3 distinct techniques in use by `year`, the primary one first."""
        eligible, weights = self.eligible[year]
        primary = self.rng.choices(eligible, weights=weights)[0]
        others = [t for t in eligible if t is not primary]
        count = min(self.rng.choices(*CLAIMS_PER_VIDEO)[0], len(eligible))
        return [primary, *self.rng.sample(others, count - 1)]

    def _essay(self, technique, theme, other):
        verdict = self.rng.choices(*VERDICTS)[0]
        words = self.rng.sample(THEMES, 6)
        headline = HEADLINES[verdict].format(technique=technique.name, theme=theme)
        body = (
            f"*A synthetic essay, generated for load tests.* This video about {theme} "
            f"and {other} uses {technique.name.lower()} the way a {words[0]} song uses "
            f"a chorus: once to set the {words[1]}, and again to break it.\n\n"
            f"The idea asks for {words[2]} and {words[3]}; the technique answers with "
            f"{words[4]}. Whether that serves the song or stands in for it is the "
            f"question every entry here asks, and this one answers "
            f"“{verdict.label.lower()}”.\n\n"
            f"Its precedents are the {words[5]} videos of the decade before, which did "
            f"the same with less and meant more by it."
        )
        return headline, body, verdict


def generate(videos, seed=0):
    """Add `videos` synthetic videos (with people, claims, tags and essays) to the archive."""
    with transaction.atomic():
        generator = Generator(seed, videos)
        counts = generator.run()
        record_change()
    return counts


def remove():
    """Delete every synthetic row, and only those; returns the counts deleted.

    Raw deletes (no signals) so that a hundred thousand rows neither load into memory nor
    write a hundred thousand history records.
    """
    counts = Counts()
    videos = synthetic_videos().values("pk")
    artist_links = Video.artists.through.objects
    director_links = Video.directors.through.objects
    with transaction.atomic():
        for label, queryset in [
            ("artist links", artist_links.filter(video__in=videos)),
            ("director links", director_links.filter(video__in=videos)),
            ("claims", VideoTechnique.objects.filter(video__in=videos)),
            ("tag links", TaggedVideo.objects.filter(content_object__in=videos)),
            ("essays", Essay.objects.filter(video__in=videos)),
            ("sources", Source.objects.filter(video__in=videos)),
            ("precedent links", Precedent.objects.filter(later__in=videos)),
            ("precedent links", Precedent.objects.filter(earlier__in=videos)),
            ("videos", synthetic_videos()),
            ("artists", _unused(Artist, ARTIST_SLUG, artist_links, "artist")),
            ("directors", _unused(Director, DIRECTOR_SLUG, director_links, "director")),
            ("tags", _unused(Tag, TAG_SLUG, TaggedVideo.objects, "tag")),
        ]:
            counts.add(label, queryset._raw_delete(queryset.db))
        record_change()
    return counts


def _unused(model, pattern, links, link_field):
    """Synthetic rows of `model` that no link row points at any more."""
    prefix = pattern.removeprefix("^").split("[", 1)[0]
    return model.objects.filter(
        ~Exists(links.filter(**{link_field: OuterRef("pk")})),
        slug__startswith=prefix,
        slug__regex=pattern,
    )
