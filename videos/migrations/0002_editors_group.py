"""The “Editors” group: add and change archive entries; nothing over users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Models an editor keeps. The row-level links (claims, sources, precedents, tags on a video)
# can also be deleted, since removing a line from an inline is part of editing an entry.
EDITED_MODELS = {
    "videos": ["artist", "director", "technique", "video", "essay"],
    "taggit": ["tag"],
}
LINK_MODELS = {"videos": ["videotechnique", "source", "precedent", "taggedvideo"]}


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = []
    for app_label, models in EDITED_MODELS.items():
        for model in models:
            codenames += [f"{app_label}.{action}_{model}" for action in ("add", "change", "view")]
    for app_label, models in LINK_MODELS.items():
        for model in models:
            codenames += [
                f"{app_label}.{action}_{model}" for action in ("add", "change", "delete", "view")
            ]
    for code in codenames:
        app_label, codename = code.split(".")
        editors.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("videos", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
