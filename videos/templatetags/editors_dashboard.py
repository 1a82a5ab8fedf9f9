from django import template

from videos.editorial.dashboard import dashboard_for

register = template.Library()


@register.simple_tag
def editors_dashboard(user):
    """The admin index's sections for `user` (videos/editorial/dashboard.py)."""
    return dashboard_for(user)
