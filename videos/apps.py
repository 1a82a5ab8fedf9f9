from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from taggit.apps import TaggitAppConfig


class VideosConfig(AppConfig):
    # The one Django picks for "videos": this module also holds TagsConfig.
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "videos"
    verbose_name = "Archive"

    def ready(self):
        # The admin lives with the other editorial tools rather than at videos/admin.py.
        from .editorial import (  # noqa: F401
            admin,
            corrections_admin,
            exhibit_admin,
            preference_admin,
            video_admin,
        )
        from .models import signals

        signals.connect()


class TagsConfig(TaggitAppConfig):
    """django-taggit under a plain label: the admin index says "Tags", not "TAGGIT".
    Same app (name and label "taggit"), so its tables and migrations are unchanged."""

    default = False  # named in INSTALLED_APPS as videos.apps.TagsConfig
    verbose_name = "Tags"


class SignInAttemptsConfig(AxesAppConfig):
    """django-axes (sign-in lockouts) under a plain label rather than "AXES"."""

    default = False  # named in INSTALLED_APPS as videos.apps.SignInAttemptsConfig
    verbose_name = "Sign-in attempts"
