"""The one way any surface reads a timeline: the URL's parameters checked against the
index, then the index's selection. The HTML pages, /timeline.json, /timeline.csv and the
feeds all come through here; SQL only reads the rows of a page or a stream afterwards."""

from django.core.paginator import EmptyPage, Paginator

from videos.timeline.form import TimelineForm
from videos.timeline.index import current_index
from videos.timeline.parameters import PAGE_ACCEPTS, PAGE_NUMBER
from videos.timeline.search import match_scores
from videos.web.page_cache import version_for


class TimelineQuery:
    """One request's timeline. `fixed` ({parameter: row}) is what a page decides itself
    (a technique page fixes its technique): always applied, and its facet not shown."""

    def __init__(self, request, fixed=None):
        self.params = request.GET
        self.fixed = fixed or {}
        self.index = current_index(version_for(request))
        self.form = TimelineForm(self.params, self.index)
        self.errors = self._errors()
        self.selection = None if self.errors else self._select()

    def _errors(self):
        errors = {} if self.form.is_valid() else self.form.errors_by_parameter()
        raw = self.params.get("page", "1")
        if len(self.params.getlist("page")) > 1:
            message = "Page takes one value."
        elif not PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
            message = f"“{raw[:40]}” is not a page number."
        else:
            return errors
        errors["page"] = {
            "label": "Page",
            "messages": [message],
            "accepts": PAGE_ACCEPTS,
        }
        return errors

    def _select(self):
        criteria = self.form.cleaned_data
        matches = match_scores(criteria["q"]) if criteria.get("q") else None
        return self.index.select(criteria, base=self.fixed, matches=matches)

    def page(self, page_size, reader):
        """The requested page of `reader(index, rows)`'s items, or None past the last."""
        paginator = Paginator(RowsInOrder(self.selection, reader), page_size)
        self.page_count = paginator.num_pages
        try:
            return paginator.page(self.params.get("page", 1))
        except EmptyPage:
            return None


class RowsInOrder:
    """A selection's videos in its order, read a page (a slice) at a time by `reader`."""

    def __init__(self, selection, reader):
        self.index, self.rows, self.reader = selection.index, selection.rows(), reader

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("A timeline is read a page (a slice) at a time.")
        return self.reader(self.index, self.rows[item])
