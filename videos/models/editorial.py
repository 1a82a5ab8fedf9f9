"""What the editorial workflow records: each review step, and readers' corrections."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from videos.models.validators import LengthLimit, limited
from videos.models.videos import Video

# A reviewer's comment or a reader's correction: a paragraph or a few.
LONGEST_COMMENT = 2000


class ReviewStep(models.Model):
    """One move of an entry along draft → in review → approved → published, with who
    made it, when, and (for a send-back) why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        APPROVED = "approved", "Approved"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        UNPUBLISHED = "unpublished", "Unpublished"

    video = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="review_steps"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Video.Status.choices)
    to_status = models.CharField(max_length=10, choices=Video.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_steps",
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_COMMENT)],
        help_text=limited(LONGEST_COMMENT, "What to change, or why."),
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["video", "-at"], name="review_step_video")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.video} ({self.at:%Y-%m-%d %H:%M})"


class Correction(models.Model):
    """A reader's suggested correction to an entry. Stored as plain text and shown
    only to editors; nothing reaches the public site until an editor acts on it."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    video = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(
        validators=[LengthLimit(LONGEST_COMMENT)],
        help_text=limited(
            LONGEST_COMMENT, "What is wrong, and the source that says so."
        ),
    )
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(
        blank=True, help_text="Optional, only to reply; never shown."
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    reviewer_note = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_COMMENT)],
        help_text="What was done about it, and why.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_corrections",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self):
        return f"Correction to {self.video} ({self.submitted_at:%Y-%m-%d})"


class EditorPreference(models.Model):
    """An editor's own choices about how the public site names them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_preference",
    )
    named_in_public_changes = models.BooleanField(
        "name me in public Changes lists",
        default=False,
        help_text="Off: readers see only the dates and notes of your revisions. On: "
        "they also see your full name (or your username when you have none).",
    )

    class Meta:
        verbose_name = "my public credit"
        verbose_name_plural = "my public credit"

    def __str__(self):
        return f"Public credit for {self.user}"


def public_names(user_ids):
    """{user id: name} for the editors among `user_ids` who chose to be named, in one
    query."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(
        pk__in=[pk for pk in user_ids if pk is not None],
        editor_preference__named_in_public_changes=True,
    )
    return {user.pk: user.get_full_name() or user.get_username() for user in users}
