"""How an entry moves from a writer to the public (issue 17, item 3).

    draft → in review → approved → published (or scheduled, for a time to come)

- Anyone who can change videos submits a draft for review.
- A fact-checker (videos.review_video) approves an entry in review, or sends it back
  to draft with a comment saying what to change.
- A publisher (videos.publish_video) publishes or schedules an approved entry, saves
  changes to a published one, and unpublishes (back to draft). Publishing needs the
  publish checks to pass (publish_checks.py); their problems are the refusal.
- Someone with both powers (the Editors group) may make any move in one step; the
  checks still apply.
- A writer's edit of an approved entry sends it back to review: the approval was of
  the entry as it stood. Fact-checkers' and publishers' own edits keep it approved.
- A published entry is changed only by a publisher: a change to it goes live at once.

Every move is recorded as a ReviewStep (who, when, comment). The admin's change form,
its actions and the add form all ask `refusal()` before moving anything.
"""

from dataclasses import dataclass

from django.utils import timezone

from videos.editorial.publish_checks import problems_before_publishing
from videos.models import ReviewStep, Video

Status = Video.Status
Action = ReviewStep.Action

CHANGE = "videos.change_video"
REVIEW = "videos.review_video"
PUBLISH = "videos.publish_video"

THE_PATH = "draft → in review → approved → published"
ONLY_FACT_CHECKERS = "Only a fact-checker can approve a video or send it back."
ONLY_PUBLISHERS = "Only a publisher can publish, schedule or unpublish a video."
ONLY_PUBLISHERS_CHANGE_LIVE = (
    "This video is published, so a change to it would go live at once: only a "
    "publisher can save it. Ask a publisher, or have it unpublished first."
)
COMMENT_NEEDED = "Say what to change: sending an entry back needs a comment."
BACK_IN_REVIEW = "Changed after approval, so it is back in review."


@dataclass(frozen=True)
class Move:
    """One step along the path, as the change form's button offers it."""

    button: str  # the name of the change form's submit button
    label: str
    sources: frozenset
    target: str
    permission: str
    refused: str  # the message for someone without the permission
    needs_comment: bool = False


SUBMIT = Move(
    "_submit_for_review",
    "Submit for review",
    frozenset({Status.DRAFT}),
    Status.IN_REVIEW,
    CHANGE,
    "You can't change videos.",
)
APPROVE = Move(
    "_approve",
    "Approve",
    frozenset({Status.IN_REVIEW}),
    Status.APPROVED,
    REVIEW,
    ONLY_FACT_CHECKERS,
)
SEND_BACK = Move(
    "_send_back",
    "Send back to draft",
    frozenset({Status.IN_REVIEW, Status.APPROVED}),
    Status.DRAFT,
    REVIEW,
    ONLY_FACT_CHECKERS,
    needs_comment=True,
)
PUBLISH_NOW = Move(
    "_publish",
    "Publish (or schedule, with a time to come)",
    frozenset({Status.APPROVED}),
    Status.PUBLISHED,
    PUBLISH,
    ONLY_PUBLISHERS,
)
UNPUBLISH = Move(
    "_unpublish",
    "Unpublish (back to draft)",
    frozenset({Status.PUBLISHED}),
    Status.DRAFT,
    PUBLISH,
    ONLY_PUBLISHERS,
)
MOVES = [SUBMIT, APPROVE, SEND_BACK, PUBLISH_NOW, UNPUBLISH]


def has_full_powers(user):
    """Reviews and publishes (the Editors group): may make any move in one step."""
    return user.has_perms([REVIEW, PUBLISH])


def move_between(current, target):
    return next((m for m in MOVES if current in m.sources and m.target == target), None)


def label(status):
    return Status(status).label


def refusal(user, current, target):
    """Why `user` may not take an entry from `current` to `target` status, in words;
    None when they may (staying put included)."""
    if target == current:
        if current == Status.PUBLISHED and not user.has_perm(PUBLISH):
            return ONLY_PUBLISHERS_CHANGE_LIVE
        return None
    if has_full_powers(user):
        return None
    move = move_between(current, target)
    if move is None:
        return (
            f"A video can't go from {label(current)} straight to {label(target)}: "
            f"it goes {THE_PATH}."
        )
    if not user.has_perm(move.permission):
        return move.refused
    return None


def allowed_statuses(user, current):
    """The statuses `user` may choose for an entry now at `current`, in path order."""
    return [s for s in Status.values if refusal(user, current, s) is None]


def next_moves(user, current):
    """The change form's buttons for `user` on an entry at `current`."""
    moves = []
    for move in MOVES:
        offered = current in move.sources or (
            move is PUBLISH_NOW and current != Status.PUBLISHED
        )
        if offered and refusal(user, current, move.target) is None:
            moves.append(move)
    return moves


def needs_comment(current, target):
    """A send-back tells the writer what to change."""
    return target == Status.DRAFT and current in SEND_BACK.sources


def action_for(current, target, scheduled):
    """The review step a move from `current` to `target` records (None: no move)."""
    if target == current:
        return None
    if target == Status.PUBLISHED:
        return Action.SCHEDULED if scheduled else Action.PUBLISHED
    if current == Status.PUBLISHED:
        return Action.UNPUBLISHED
    return {
        Status.DRAFT: Action.SENT_BACK,
        Status.IN_REVIEW: Action.SUBMITTED,
        Status.APPROVED: Action.APPROVED,
    }[target]


def loses_approval(user, current, edited):
    """A writer's edit of an approved entry sends it back to review."""
    return (
        current == Status.APPROVED
        and edited
        and not user.has_perm(REVIEW)
        and not user.has_perm(PUBLISH)
    )


def record_step(video, current, user, comment=""):
    """The review step for `video`'s move from `current` to its saved status, if any."""
    action = action_for(current, video.status, video.is_scheduled)
    if action is None:
        return None
    return ReviewStep.objects.create(
        video=video,
        action=action,
        from_status=current,
        to_status=video.status,
        user=user,
        comment=comment.strip(),
    )


def move_entry(video, target, user, comment=""):
    """Moves a saved entry (an admin action): the reasons it can't, or [] once moved
    and recorded. Publishing keeps an earlier publication time, else takes now."""
    current = video.status
    if reason := refusal(user, current, target):
        return [reason]
    if target == current:
        return [f"It is already {label(current).lower()}."]
    if needs_comment(current, target) and not comment.strip():
        return [COMMENT_NEEDED]
    if target == Status.PUBLISHED:
        if problems := problems_before_publishing(video):
            return problems
        video.published_at = video.published_at or timezone.now()
    video.status = target
    video.save(update_fields=["status", "published_at", "updated_at"])
    record_step(video, current, user, comment)
    return []
