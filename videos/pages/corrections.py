"""Readers' corrections (issue 17, item 7): /videos/<slug>/correction/ takes a reader's
suggestion for a public entry and /videos/<slug>/correction/thanks/ confirms it.

The video page is served from the page cache, so it only links here: this page carries a
CSRF token and is never cached (no cached_page, and never_cache for browsers and proxies).
A correction is stored as plain text for editors (videos/editorial/corrections_admin.py)
and shown nowhere public; saving one retires no cached page (Correction is not among
videos/models/signals.py's VISIBLE_MODELS).
"""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from videos.models import Correction, Video
from videos.models.editorial import LONGEST_COMMENT
from videos.timeline.views import not_found
from videos.web.rate_limit import within_limit

# Per client address: more than a reader with several real corrections sends in an hour.
PER_WINDOW = 5
WINDOW_SECONDS = 60 * 60
TOO_MANY = (
    f"This address has sent {PER_WINDOW} corrections within the hour, the "
    "most the archive takes from one address. Your text is still here: please send it "
    "again in an hour."
)
FORM_TEMPLATE = "videos/correction_form.html"
# A field no person sees or fills: a bot that fills every field gives itself away.
HONEYPOT = "website"


class CorrectionForm(forms.ModelForm):
    website = forms.CharField(
        required=False,
        label="Leave this field empty (it is here to catch automated spam)",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Correction
        fields = ["text", "name", "email", HONEYPOT]
        labels = {
            "text": "What is wrong",
            "name": "Your name (optional)",
            "email": "Your e-mail address (optional)",
        }
        help_texts = {
            "text": (
                f"Which fact, what it should say, and the source that says so (a "
                f"link or a title). Plain text, at most {LONGEST_COMMENT:,} characters."
            ),
            "name": "Never shown; only the editors read it.",
            "email": "Only if you would like a reply; never shown.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "cols": 60})}
        error_messages = {
            "text": {"required": "Say what is wrong: this box is empty."},
            "email": {
                "invalid": "This is not an e-mail address; leave it empty or fix it."
            },
        }

    def looks_automated(self):
        return self.is_bound and bool(self.data.get(HONEYPOT, "").strip())


def public_video(slug):
    return Video.objects.published().filter(slug=slug).first()


def no_such_video(request, slug):
    return not_found(request, f"No published video has the address “{slug}”.")


def too_many_for_now(request, form, context):
    """429, the form as sent (nothing typed is lost) and when to try again."""
    form.add_error(None, TOO_MANY)
    response = render(request, FORM_TEMPLATE, context, status=429)
    response["Retry-After"] = str(WINDOW_SECONDS)
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def suggest_correction(request, slug):
    video = public_video(slug)
    if video is None:
        return no_such_video(request, slug)
    data = request.POST if request.method == "POST" else None
    form = CorrectionForm(data, instance=Correction(video=video))
    if form.looks_automated():
        # The same answer a person gets, so the bot learns nothing; nothing is stored.
        return redirect("videos:correction_thanks", slug=video.slug)
    context = {"video": video, "form": form}
    if form.is_valid():
        if not within_limit(request, "correction", PER_WINDOW, WINDOW_SECONDS):
            return too_many_for_now(request, form, context)
        form.save()
        return redirect("videos:correction_thanks", slug=video.slug)
    return render(request, FORM_TEMPLATE, context)


@never_cache
def correction_thanks(request, slug):
    video = public_video(slug)
    if video is None:
        return no_such_video(request, slug)
    return render(request, "videos/correction_thanks.html", {"video": video})
