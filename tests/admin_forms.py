"""Submit an admin form as a browser would: with the values the page shows."""

from html.parser import HTMLParser

from django.contrib.auth.models import Group, User


def make_editor(client, username="ed"):
    """A member of the Editors group, logged in on `client`."""
    # No password: force_login needs none, and hashing one is slow.
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


class FormValues(HTMLParser):
    """The name/value pairs a browser would submit for the form with id `form_id`."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.in_form = form_id, False
        self.values = []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.in_form = attributes.get("id") == self.form_id
        if not self.in_form or "__prefix__" in (attributes.get("name") or ""):
            return
        name = attributes.get("name")
        if tag == "input" and name and self.submits(attributes):
            # A checked box without a value sends "on", as browsers do.
            default = "on" if attributes.get("type") == "checkbox" else ""
            self.values.append((name, attributes.get("value") or default))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.values.append((self.select, attributes.get("value") or ""))
        elif tag == "textarea":
            self.textarea = [name, ""]

    @staticmethod
    def submits(attributes):
        kind = attributes.get("type", "text")
        if kind in {"checkbox", "radio"}:
            return "checked" in attributes
        return kind not in {"file", "submit", "button", "image", "reset"}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the newline right after <textarea>, as Django writes it.
            self.values.append((name, text.removeprefix("\n")))
            self.textarea = None


def form_data(response, form_id, **changes):
    """The form's values as the page shows them, with `changes` applied, for client.post."""
    parser = FormValues(form_id)
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    data.update(changes)
    return data
