from django import template
from django.utils.safestring import mark_safe

from videos.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown rendered and sanitised by nh3, so safe to mark as such."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised above
