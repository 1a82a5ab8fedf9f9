import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from videos.pages.markdown import render_markdown
from videos.pages.structured_data import music_video_object

register = template.Library()

# What json_script escapes: no string in the data can close the <script> element.
SCRIPT_SAFE_JSON = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def markdown(text):
    """Markdown rendered and sanitised by nh3, so safe to mark as such."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised above


@register.filter
def json_ld(data):
    """`data` as JSON to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(SCRIPT_SAFE_JSON))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """`path` (e.g. from get_absolute_url) as a full URL on the host being served."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def music_video_data(context, video):
    return music_video_object(video, context["request"])
