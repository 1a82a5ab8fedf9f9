from django.db import models
from django.db.models import Q


class ArchiveState(models.Model):
    """One row whose version changes with every editor's change, in its transaction.

    Cached pages and each process's facet index are keyed by it (videos/caching.py). It lives in the database, not the
    cache, so every app server and worker sees a change at once even when each keeps its
    own local-memory cache.
    """

    version = models.BigIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="archive_state_single_row")
        ]

    def __str__(self):
        return f"archive version {self.version}"
