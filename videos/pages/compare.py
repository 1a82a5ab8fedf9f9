"""Two videos side by side (issue 16, item 1): /compare/<slug>/<slug>/ and the pick-two
form at /compare/ that leads there without JavaScript.

A pair has one address: the earlier video first (by year, then title), so "Cry" beside
"The Heart Part 5" reads in the order the archive's timeline does; the other order
redirects there. The redirect is temporary because an editor's change of year can swap
the order.
"""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse

from videos.models import Precedent, Video
from videos.models.querysets import public_q
from videos.timeline.views import not_found
from videos.web.page_cache import cached_page


def pick_key(slug, title, year):
    return (year, title, slug)


def in_order(first, second):
    """The pair as its page shows it: the earlier video first."""
    return sorted(
        (first, second), key=lambda video: pick_key(video.slug, video.title, video.year)
    )


def compare_path(first, second):
    """The canonical /compare/ address of two videos, whichever is given first."""
    earlier, later = in_order(first, second)
    return reverse("videos:compare", args=[earlier.slug, later.slug])


def echo_between(earlier, later):
    """The precedent link between the two, either way round, from prefetched links."""
    for link in later.precedent_links.all():
        if link.earlier_id == earlier.pk:
            return link
    for link in earlier.precedent_links.all():
        if link.earlier_id == later.pk:
            return link
    return None


class PairForm(forms.Form):
    """Two different public videos, each picked from a list grouped by decade."""

    a = forms.ChoiceField(label="One video")
    b = forms.ChoiceField(label="and another")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = (
            Video.objects.published()
            .chronological()
            .values_list("slug", "title", "year")
        )
        groups, self.keys = {}, {}
        for slug, title, year in rows:
            decade = f"{year - year % 10}s"
            groups.setdefault(decade, []).append((slug, f"{title} ({year})"))
            self.keys[slug] = pick_key(slug, title, year)
        choices = [("", "Choose a video"), *groups.items()]
        self.fields["a"].choices = self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError("Pick two different videos.")
        return data

    def pair(self):
        """The two slugs in the pair's canonical order."""
        chosen = (self.cleaned_data["a"], self.cleaned_data["b"])
        return sorted(chosen, key=self.keys.__getitem__)


@cached_page
def compare(request, first, second):
    if first == second:
        return not_found(request, "A comparison needs two different videos.")
    found = Video.objects.published().for_detail().filter(slug__in=[first, second])
    videos = {video.slug: video for video in found}
    for slug in (first, second):
        if slug not in videos:
            return not_found(request, f"No published video has the address “{slug}”.")
    earlier, later = in_order(*videos.values())
    if (earlier.slug, later.slug) != (first, second):
        return redirect("videos:compare", earlier.slug, later.slug)
    context = {
        "earlier": earlier,
        "later": later,
        "pair": (earlier, later),
        "years_apart": later.year - earlier.year,
        "echo": echo_between(earlier, later),
        "form": PairForm(initial={"a": earlier.slug, "b": later.slug}),
    }
    return render(request, "videos/compare.html", context)


def echo_pairs():
    """Every precedent link between two public videos, latest echo first; one query."""
    return (
        Precedent.objects.filter(public_q("later__"), public_q("earlier__"))
        .select_related("later", "earlier")
        .order_by("-later__year", "later__title", "earlier__year")
    )


@cached_page
def compare_pick(request):
    """/compare/?a=…&b=…: two choices lead to the pair's page; a bad pick answers 400.
    With one or none given (a video page links `?a=<its slug>`), the form, prefilled."""
    if not ("a" in request.GET and "b" in request.GET):
        context = {"form": PairForm(initial=request.GET.dict()), "echoes": echo_pairs()}
        return render(request, "videos/compare_pick.html", context)
    form = PairForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "echoes": echo_pairs()}
        return render(request, "videos/compare_pick.html", context, status=400)
    return redirect("videos:compare", *form.pair())
