from django.db import migrations, models


class Migration(migrations.Migration):
    """Each version logs what it changed, so indexes patch instead of rebuilding (issue
    14, videos/models/versions.py)."""

    dependencies = [("videos", "0012_job")]

    operations = [
        migrations.AddField(
            model_name="contentversion",
            name="previous",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="contentversion",
            name="last_unlogged",
            field=models.BigIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="VersionChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("version", models.BigIntegerField()),
                ("previous", models.BigIntegerField()),
                ("kind", models.CharField(max_length=100)),
                ("object_id", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("version", "kind", "object_id"),
                        name="one_change_per_version",
                    )
                ]
            },
        ),
    ]
