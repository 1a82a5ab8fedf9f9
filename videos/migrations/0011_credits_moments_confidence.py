"""Issue 13: directors in their credited order, moments, confidence and corrections.

Video.directors gains a through model on the table Django made for the plain
many-to-many (`videos_video_directors`, columns `video_id` and `director_id`), so the
state changes and the table only gains `position`. Its history table is renamed to
match the through model and keeps its rows.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import videos.models.validators

CONFIDENCE = models.CharField(
    blank=True,
    choices=[("high", "High"), ("medium", "Medium")],
    help_text="High: two independent pages, or one authoritative making-of, agree. "
    "Medium: one element is disputed or rests on weak pages. Blank: not rated yet.",
    max_length=6,
)
CONFIDENCE_REASON = models.TextField(
    blank=True,
    help_text="Why this level: for medium, which element is in doubt. "
    "At most 1,000 characters.",
    validators=[videos.models.validators.LengthLimit(1000)],
)
CORRECTION = models.TextField(
    blank=True,
    help_text="Only when this claim corrects or adds to the verified facts table: "
    "what changed, and why. At most 1,000 characters.",
    validators=[videos.models.validators.LengthLimit(1000)],
)
CORRECTION_SOURCE_URL = models.URLField(
    blank=True,
    help_text="The page the correction rests on. At most 500 characters.",
    max_length=500,
)
POSITION = models.PositiveSmallIntegerField(
    default=0, help_text="Order in the credit, first credited first."
)
ALSO_ARTIST_HELP = (
    "When this director is also credited as a performer (Kendrick Lamar), their artist "
    "entry: the two pages link to each other."
)
MOMENT_FIELDS = [
    (
        "seconds",
        models.PositiveIntegerField(
            help_text="Where it is, in seconds from the start (1:40 is 100)."
        ),
    ),
    (
        "what",
        models.CharField(
            help_text="What you see there, in a line; say “approximate” when the "
            "source is. At most 300 characters.",
            max_length=300,
        ),
    ),
    (
        "source_title",
        models.CharField(
            blank=True,
            help_text="The page or text that gives the time. At most 300 characters.",
            max_length=300,
        ),
    ),
    (
        "source_publication",
        models.CharField(
            blank=True,
            help_text="Site, paper or magazine, when known. At most 200 characters.",
            max_length=200,
        ),
    ),
    (
        "source_url",
        models.URLField(
            blank=True,
            help_text="Its address, when it has one (the seed article has none). "
            "At most 500 characters.",
            max_length=500,
        ),
    ),
]
# Editors add, change and remove these lines on a video's page, like its sources.
LINK_MODELS = ["directorcredit", "moment"]


def number_existing_credits(apps, schema_editor):
    """Credits made before positions existed keep the order they were added in."""
    DirectorCredit = apps.get_model("videos", "DirectorCredit")
    positions = {}
    for credit in DirectorCredit.objects.order_by("video_id", "pk"):
        credit.position = positions.get(credit.video_id, 0)
        positions[credit.video_id] = credit.position + 1
        credit.save(update_fields=["position"])


def let_editors_keep_the_new_lines(apps, schema_editor):
    app_config = apps.get_app_config("videos")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    codenames = [
        f"{action}_{model}"
        for model in LINK_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="videos", codename__in=codenames
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("videos", "0010_search_fts5"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DirectorCredit",
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
                        (
                            "director",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="credits",
                                to="videos.director",
                            ),
                        ),
                        (
                            "video",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="director_credits",
                                to="videos.video",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "videos_video_directors",
                        "ordering": ["position", "pk"],
                        "unique_together": {("video", "director")},
                    },
                ),
                migrations.AlterField(
                    model_name="video",
                    name="directors",
                    field=models.ManyToManyField(
                        help_text="As credited, in the credited order; co-directors too.",
                        related_name="videos",
                        through="videos.DirectorCredit",
                        to="videos.director",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="directorcredit", name="position", field=POSITION
        ),
        migrations.RunPython(number_existing_credits, migrations.RunPython.noop),
        migrations.RenameModel("HistoricalVideo_directors", "HistoricalDirectorCredit"),
        migrations.AlterModelOptions(
            name="historicaldirectorcredit",
            options={"verbose_name": "HistoricalDirectorCredit"},
        ),
        migrations.AddField(
            model_name="historicaldirectorcredit", name="position", field=POSITION
        ),
        *(
            migrations.AlterField(
                model_name="historicaldirectorcredit",
                name=name,
                field=models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=f"videos.{name}",
                ),
            )
            for name in ("director", "video")
        ),
        migrations.AddField(
            model_name="director",
            name="also_artist",
            field=models.OneToOneField(
                blank=True,
                help_text=ALSO_ARTIST_HELP,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="as_director",
                to="videos.artist",
            ),
        ),
        migrations.AddField(
            model_name="historicaldirector",
            name="also_artist",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=ALSO_ARTIST_HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="videos.artist",
            ),
        ),
        *(
            migrations.AddField(model_name=model, name=name, field=field.clone())
            for model in ("video", "historicalvideo")
            for name, field in [
                ("confidence", CONFIDENCE),
                ("confidence_reason", CONFIDENCE_REASON),
            ]
        ),
        *(
            migrations.AddField(model_name=model, name=name, field=field.clone())
            for model in ("videotechnique", "historicalvideotechnique")
            for name, field in [
                ("confidence", CONFIDENCE),
                ("confidence_reason", CONFIDENCE_REASON),
                ("correction", CORRECTION),
                ("correction_source_url", CORRECTION_SOURCE_URL),
            ]
        ),
        migrations.AddConstraint(
            model_name="videotechnique",
            constraint=models.CheckConstraint(
                condition=models.Q(("correction", ""))
                | ~models.Q(("correction_source_url", "")),
                name="correction_cites_a_source",
            ),
        ),
        migrations.CreateModel(
            name="Moment",
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
                *((name, field.clone()) for name, field in MOMENT_FIELDS),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        help_text="Optional: the technique claim this moment shows.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="moments",
                        to="videos.videotechnique",
                    ),
                ),
                (
                    "video",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="moments",
                        to="videos.video",
                    ),
                ),
            ],
            options={
                "ordering": ["seconds"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("video", "seconds"), name="one_moment_per_second"
                    ),
                    models.CheckConstraint(
                        condition=~models.Q(("source_title", ""))
                        | ~models.Q(("source_url", "")),
                        name="moment_has_a_source",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalMoment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                *((name, field.clone()) for name, field in MOMENT_FIELDS),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_change_reason",
                    models.CharField(max_length=100, null=True),
                ),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Optional: the technique claim this moment shows.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="videos.videotechnique",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "video",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="videos.video",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical moment",
                "verbose_name_plural": "historical moments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(let_editors_keep_the_new_lines, migrations.RunPython.noop),
    ]
