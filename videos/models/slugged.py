from django.db import models

from videos.models.querysets import SluggedManager
from videos.models.slug_links import slug_url


class Slugged(models.Model):
    """A row known by its slug: in its page's URL (`url_name`) and as its natural key,
    so fixtures load without ids. Subclasses declare the `slug` field itself."""

    url_name = None

    objects = SluggedManager()
    natural_key_lookups = ("slug",)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url(self.url_name, self.slug)

    def natural_key(self):
        return (self.slug,)
