"""Staff in the workflow's groups, entries at each stage, and the change form's posts."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import make_video
from videos.models import Video


def log_in_as(client, group, username=None):
    """A staff member of `group` (as the migrations made it), logged in on `client`."""
    user = User.objects.create_user(username or group.lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def make_entry(title="Ready Song", status=Video.Status.APPROVED, **fields):
    """An entry that passes every publish check, at `status`."""
    fields.setdefault("published_at", None)
    video = make_video(title, verdict="justified", status=status, **fields)
    video.claims.update(source_url="https://example.org/how-it-was-made")
    return video


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def post_change_form(client, video, **changes):
    """The change form posted as the page shows it, with `changes` (a button's name
    among them, as a pressed button sends it)."""
    page = client.get(change_url(video))
    assert page.status_code == 200
    return client.post(change_url(video), form_data(page, "video_form", **changes))


def status_choices(client, video):
    form = client.get(change_url(video)).context["adminform"].form
    return [value for value, _ in form.fields["status"].choices]


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]
