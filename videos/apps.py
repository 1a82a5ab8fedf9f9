from django.apps import AppConfig


class VideosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "videos"
    verbose_name = "Archive"

    def ready(self):
        from . import signals

        signals.connect()
