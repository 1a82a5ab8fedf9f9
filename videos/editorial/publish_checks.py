"""What an entry needs before it may go public, by any path (the admin, its actions, a
CSV import): the archive's readers trust that every public entry argues a verdict and
cites its evidence.

`problems_before_publishing(video)` reads the saved entry and names, in words, what is
missing; an empty list means it may be published.
"""

from videos.models import Essay, Source, VideoTechnique


def problems_before_publishing(video):
    if video.pk is None:
        return ["The video has not been saved yet."]
    return [
        *essay_problems(Essay.objects.filter(video=video).first()),
        *evidence_problems(video),
        *still_problems(video),
    ]


def essay_problems(essay):
    if essay is None:
        return ["It has no essay: write one with a headline and a verdict."]
    missing = [
        what
        for what, present in [
            ("a headline", essay.headline.strip()),
            ("a verdict", essay.verdict),
            ("a body", essay.body.strip()),
        ]
        if not present
    ]
    if missing:
        return [f"Its essay lacks {' and '.join(missing)}."]
    return []


def evidence_problems(video):
    problems = []
    claims = list(
        VideoTechnique.objects.filter(video=video)
        .select_related("technique")
        .only("is_primary", "source_url", "technique__name")
    )
    if not Source.objects.filter(video=video).exists():
        problems.append("It cites no source: add at least one.")
    if not claims:
        problems.append("It claims no technique: add one and mark it primary.")
    elif not any(claim.is_primary for claim in claims):
        problems.append("None of its techniques is marked primary.")
    unsourced = sorted(claim.technique.name for claim in claims if not claim.source_url)
    if unsourced:
        problems.append(
            f"These technique claims have no source: {', '.join(unsourced)}."
        )
    return problems


def still_problems(video):
    if video.still and not video.still_alt.strip():
        return ["Its still has no alt text: say what the still shows."]
    return []
