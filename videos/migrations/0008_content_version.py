from django.db import migrations


class Migration(migrations.Migration):
    """The collection's version row is part of the domain (videos/models/versions.py);
    "archive" names the settings package."""

    dependencies = [("videos", "0007_video_publication_index")]

    operations = [migrations.RenameModel("ArchiveState", "ContentVersion")]
