"""Words for what the address holds: a timeline parameter's label instead of its name."""

from django import template

from videos.timeline.parameters import by_name

register = template.Library()


@register.filter
def parameter_label(name):
    """ "year_from" → "From year"; a name no timeline declares is quoted as given."""
    parameter = by_name().get(name)
    if name == "page":
        return "Page"
    return parameter.label if parameter else f"The parameter “{name}”"
