"""SVG markup: every attribute and text escaped here, links checked, numbers written short.

Charts are built from these few calls, so no caller ever pastes a label or
an address into markup by hand.
"""

from html import escape

from django.utils.safestring import mark_safe

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
INK = "#1b1f24"  # the site's text colour
MUTED_INK = "#4f5862"  # 7:1 on white
SAFE_SCHEMES = ("http://", "https://")


def number(value):
    """A coordinate or length with at most one decimal: 12.0 → "12", 3.14 → "3.1"."""
    written = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if written in ("-0", "") else written


def attributes(**values):
    """' name="value"' for each value given; None leaves the attribute out; `class_` is "class", `_` is "-"."""
    written = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = number(value)
        written.append(f' {name}="{escape(str(value), quote=True)}"')
    return "".join(written)


def element(tag, *children, **values):
    """<tag …>children</tag>, or <tag …/> without children. Children are markup already built here."""
    if not children:
        return f"<{tag}{attributes(**values)}/>"
    return f"<{tag}{attributes(**values)}>{''.join(children)}</{tag}>"


def text(content, **values):
    """A <text> element whose content is escaped."""
    return element("text", escape(str(content), quote=False), **values)


def title(content):
    return element("title", escape(str(content), quote=False))


def checked_url(url):
    """The address, if it is one a chart may link to: relative to the site, or http(s).

    A chart links into the portal's own lists; anything else (javascript:,
    data:) is a mistake upstream, said loudly rather than drawn.
    """
    url = str(url).strip()
    has_scheme = ":" in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if has_scheme and not url.lower().startswith(SAFE_SCHEMES):
        raise ValueError(f"A chart links only to http(s) or site-relative addresses, not {url!r}")
    return url


def link(url, name, *children, **values):
    """A link whose accessible name (and tooltip) is `name`: children are what is drawn for it."""
    return element("a", title(name), *children, href=checked_url(url), aria_label=name, **values)


def document(*, width, height, label, description, css_class, children):
    """The <svg> root: scales to its container's width, named for assistive technology.

    role="group", not "img": an image's content is hidden from screen readers,
    and these pictures hold links that must stay reachable.
    """
    root = element(
        "svg",
        title(label),
        element("desc", escape(description, quote=False)),
        *children,
        xmlns=SVG_NAMESPACE,
        viewBox=f"0 0 {number(width)} {number(height)}",
        width="100%",
        role="group",
        aria_label=label,
        class_=css_class,
        font_family=FONT_FAMILY,
        fill=INK,
    )
    return mark_safe(root)  # noqa: S308 - every piece above was escaped as it was built
