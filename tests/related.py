"""Reading the related items a detail page shows."""


def related_urls(response, kind):
    """The addresses of the related items of `kind` ("practices", "projects", "modules") on a detail page."""
    for group in response.context["related"]:
        if group.kind == kind:
            return [item.url for item in group.items]
    return []


def urls(*items):
    return [item.get_absolute_url() for item in items]
