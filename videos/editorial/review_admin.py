"""The review workflow in the video's admin (issue 17, items 1 and 3): the status a form
may choose, the review buttons and trail, the stage filters and the actions, all asking
workflow.py what each editor may do. The rules themselves live in workflow.py."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from videos.editorial import workflow
from videos.editorial.publish_checks import problems_before_publishing
from videos.models import ReviewStep, Video
from videos.models.editorial import LONGEST_COMMENT
from videos.models.querysets import public_q

Status = Video.Status


class PublishRefused(Exception):
    """Raised once an entry is saved with its parts, when they fail the publish checks:
    the save is rolled back and the form shown again with the problems."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


class StatusField(forms.ChoiceField):
    """Lists only the statuses the editor may choose, but lets any status through to
    the form's clean, so a forged one is refused with the workflow's reason."""

    def valid_value(self, value):
        return value in Status.values


class ReviewedForm(forms.ModelForm):
    """The video form's part of the workflow: which statuses an editor may choose, the
    publication time a publish fills in, and a send-back's comment."""

    editor = None  # set by ReviewAdminMixin.get_form: the user saving the form
    publish_problems = ()  # set when a save was rolled back by the publish checks
    review_comment = forms.CharField(
        required=False,
        max_length=LONGEST_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 90}),
        label="Review comment",
        help_text="A note kept in the review trail with this step. Sending an entry "
        "back needs one: say what to change, and why.",
    )

    class Media:
        # Fills the time in the browser too; without it, clean() does on save.
        js = ["js/publish_time.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status_before = self.stored_status()
        if self.editor is not None and "status" in self.fields:
            self.fields["status"] = self.status_field(self.fields["status"])

    def stored_status(self):
        """The status as the database has it (a revert's form holds an old copy); a new
        entry starts as a draft."""
        if self.instance.pk is None:
            return Status.DRAFT
        stored = Video.objects.filter(pk=self.instance.pk).values_list("status")
        return (stored.first() or [Status.DRAFT])[0]

    def status_field(self, model_field):
        allowed = set(workflow.allowed_statuses(self.editor, self.status_before))
        # The status the form holds is shown too: a revert's old status is then
        # refused with the workflow's reason, not as a missing value.
        allowed.update({self.status_before, self.instance.status})
        return StatusField(
            choices=[(v, lbl) for v, lbl in Status.choices if v in allowed],
            label=model_field.label,
            initial=model_field.initial,
            help_text="The statuses you may choose now. Published with a time to "
            "come is Scheduled; Published with no time is filled with now.",
        )

    def requested_status(self, chosen):
        """A review button, when one was pressed, says where the entry goes."""
        for move in workflow.MOVES:
            if move.button in self.data:
                return move.target
        return chosen

    def clean(self):
        cleaned = super().clean()
        if self.editor is None or "status" not in cleaned:
            return cleaned
        current = self.status_before
        target = cleaned["status"] = self.requested_status(cleaned["status"])
        if reason := workflow.refusal(self.editor, current, target):
            self.add_error("status", reason)
            return cleaned
        comment = cleaned.get("review_comment", "")
        if workflow.needs_comment(current, target) and not comment.strip():
            self.add_error("review_comment", workflow.COMMENT_NEEDED)
        if target == Status.PUBLISHED:
            self.fill_publication_time(cleaned)
        if self.publish_problems:
            refusal = "Nothing was saved: publishing needs these fixed first."
            self.add_error("status", [refusal, *self.publish_problems])
        return cleaned

    def fill_publication_time(self, cleaned):
        """Published with no time means now (a time that didn't parse stays an error)."""
        blank = cleaned.get("published_at") is None
        if (
            blank
            and "published_at" in self.fields
            and "published_at" not in self.errors
        ):
            cleaned["published_at"] = timezone.now()


class StageFilter(admin.SimpleListFilter):
    """Stages as editors read them: a published video still to come is Scheduled."""

    title = "stage"
    parameter_name = "stage"
    STAGES = [
        (Status.DRAFT, "Draft"),
        (Status.IN_REVIEW, "In review"),
        (Status.APPROVED, "Approved"),
        ("scheduled", "Scheduled"),
        (Status.PUBLISHED, "Published"),
    ]

    def lookups(self, request, model_admin):
        return self.STAGES

    def queryset(self, request, queryset):
        stage = self.value()
        if stage == "scheduled":
            return queryset.filter(status=Status.PUBLISHED).exclude(public_q())
        if stage == Status.PUBLISHED:
            return queryset.filter(public_q())
        if stage in Status.values:
            return queryset.filter(status=stage)
        return queryset


class ReviewQueueFilter(admin.SimpleListFilter):
    """What awaits the editor looking: entries to review, entries to publish, and
    drafts a fact-checker sent back."""

    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        queues = []
        if request.user.has_perm(workflow.REVIEW):
            queues.append(("review", "Awaiting my review"))
        if request.user.has_perm(workflow.PUBLISH):
            queues.append(("publish", "Ready to publish"))
        return [*queues, ("sent_back", "Sent back to their writers")]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(status=Status.IN_REVIEW)
        if self.value() == "publish":
            return queryset.filter(status=Status.APPROVED)
        if self.value() == "sent_back":
            latest = ReviewStep.objects.filter(video=OuterRef("pk"))
            latest = latest.order_by("-at", "-id").values("action")[:1]
            return queryset.filter(status=Status.DRAFT).filter(
                pk__in=queryset.annotate(last_step=Subquery(latest))
                .filter(last_step=ReviewStep.Action.SENT_BACK)
                .values("pk")
            )
        return queryset


class ReviewAdminMixin:
    """Enforces the workflow on the change form, the add form, the history's revert
    form and the list's actions. Must come before the mixins that open the save's
    transaction, so a refused publish rolls everything back."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        problems = getattr(request, "publish_problems", ())
        attrs = {"editor": request.user, "publish_problems": problems}
        return type(form.__name__, (form,), attrs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            with transaction.atomic():
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )
        except PublishRefused as refused:
            # Shown again as the editor sent it, with the problems on the status.
            request.publish_problems = refused.problems
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        try:
            with transaction.atomic():
                return super().history_form_view(
                    request, object_id, version_id, extra_context
                )
        except PublishRefused as refused:
            request.publish_problems = refused.problems
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    def _create_formsets(self, request, obj, change):
        # Kept for save_model, which must know whether a writer changed any part of
        # an approved entry (Django passes it only the video's own form).
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        request.entry_formsets = formsets
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        before = getattr(form, "status_before", Status.DRAFT)
        comment = form.cleaned_data.get("review_comment", "")
        request.review_news = []  # told once the save can no longer be refused
        if workflow.loses_approval(request.user, before, self.edited(request, form)):
            obj.status, comment = Status.IN_REVIEW, workflow.BACK_IN_REVIEW
            request.review_news.append(f"“{obj}”: {workflow.BACK_IN_REVIEW}")
        if change and before == Status.PUBLISHED == obj.status:
            request.problems_when_opened = set(
                problems_before_publishing(Video.objects.get(pk=obj.pk))
            )
        super().save_model(request, obj, form, change)
        if step := workflow.record_step(obj, before, request.user, comment):
            request.review_news.append(f"“{obj}”: {step.get_action_display()}.")
        if getattr(request, "revision", None):  # a revert: its parts are restored now
            self.check_publication(request, obj, before)

    @staticmethod
    def edited(request, form):
        changed = set(form.changed_data) - {"review_comment", "change_reason", "status"}
        formsets = getattr(request, "entry_formsets", [])
        return bool(changed) or any(formset.has_changed() for formset in formsets)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(form, "status_before", Status.DRAFT)
        self.check_publication(request, form.instance, before)

    def response_add(self, request, obj, post_url_continue=None):
        self.tell_review_news(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self.tell_review_news(request)
        return super().response_change(request, obj)

    @staticmethod
    def tell_review_news(request):
        for news in getattr(request, "review_news", []):
            messages.success(request, news)

    @staticmethod
    def check_publication(request, video, before):
        """A publish must pass the checks; an edit of a published entry must not add
        a problem (entries published before the checks stay editable)."""
        if video.status != Status.PUBLISHED:
            return
        problems = problems_before_publishing(video)
        if before == Status.PUBLISHED:
            known = getattr(request, "problems_when_opened", set())
            problems = [problem for problem in problems if problem not in known]
        if problems:
            raise PublishRefused(problems)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        current = context["adminform"].form.status_before
        context["review_moves"] = workflow.next_moves(request.user, current)
        context["review_steps"] = (
            list(obj.review_steps.select_related("user")) if obj and obj.pk else []
        )
        context["review_stage"] = self.stored_stage(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def stored_stage(video):
        """The stage as saved: a form shown again with errors has changed `video`."""
        if video is None or video.pk is None:
            return "New draft"
        return Video.objects.only("status", "published_at").get(pk=video.pk).stage

    @admin.display(description="stage", ordering="status")
    def stage(self, video):
        return video.stage

    def has_review_permission(self, request):
        return request.user.has_perm(workflow.REVIEW)

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH)

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.move_selected(request, queryset, Status.IN_REVIEW, "Submitted")

    @admin.action(description="Approve", permissions=["review"])
    def approve(self, request, queryset):
        self.move_selected(request, queryset, Status.APPROVED, "Approved")

    @admin.action(
        description="Publish now (keeps an earlier publication time)",
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        self.move_selected(request, queryset, Status.PUBLISHED, "Published")

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self.move_selected(request, queryset, Status.DRAFT, "Moved back to draft")

    def move_selected(self, request, queryset, target, done):
        """Moves each selected video it may; names each one refused, and why."""
        if (videos := self.locked(request, queryset)) is None:
            return
        moved = 0
        for video in videos:
            if problems := workflow.move_entry(video, target, request.user):
                messages.warning(
                    request, f"“{video}” was not moved: {' '.join(problems)}"
                )
            else:
                moved += 1
        if moved:
            messages.success(request, f"{done}: {moved} video(s).")


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin):
    """The review trail of every entry, read-only: steps are recorded, never edited."""

    list_display = ["at", "video", "action", "user", "comment"]
    list_filter = ["action"]
    list_select_related = ["video", "user"]
    search_fields = ["video__title", "comment"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
