"""Legends: symbols and words laid out in lines under a heading, wrapping at the picture's edge."""

from charts import svg
from charts.labels import estimated_width

LINK_INK = "#0b4f8a"  # the site's link colour, 8:1 on white


class LegendFlow:
    """Legend entries laid out left to right after a heading, wrapping at the right edge."""

    def __init__(self, *, left, right, top, font_size):
        self.left, self.right, self.font_size = left, right, font_size
        self.top = top
        self.line_top = top
        self.line_height = 0
        self.x = left
        self.parts = []

    def start(self, heading, *, line_height):
        self.line_top += self.line_height
        self.line_height = line_height
        self.x = self.left
        self.parts.append(svg.text(heading, x=self.x, y=self._baseline(), font_size=self.font_size))
        self.x += estimated_width(heading, self.font_size) + self.font_size * 0.6

    def add(self, symbol, symbol_width, symbol_height, label):
        gap = self.font_size * 0.35
        self._make_room(symbol_width + gap + estimated_width(label, self.font_size))
        middle = self.line_top + self.line_height / 2
        translate = f"translate({svg.number(self.x)} {svg.number(middle - symbol_height / 2)})"
        self.parts.append(svg.element("g", symbol, transform=translate))
        self.x += symbol_width + gap
        self.parts.append(svg.text(label, x=self.x, y=self._baseline(), font_size=self.font_size))
        self.x += estimated_width(label, self.font_size) + self.font_size

    def add_text(self, written, *, url=None, name=None, css_class=None):
        """Words alone; with a url, a link (underlined, in the site's link colour) named `name`."""
        self._make_room(estimated_width(written, self.font_size))
        entry = svg.text(written, x=self.x, y=self._baseline(), font_size=self.font_size)
        if url is not None:
            underlined = svg.element("g", entry, fill=LINK_INK, text_decoration="underline")
            entry = svg.link(url, name, underlined, class_=css_class)
        self.parts.append(entry)
        self.x += estimated_width(written, self.font_size) + self.font_size

    def markup(self):
        return "".join(self.parts)

    def height(self):
        return self.line_top + self.line_height - self.top

    def _make_room(self, width):
        if self.x + width > self.right and self.x > self.left:
            self.line_top += self.line_height
            self.x = self.left

    def _baseline(self):
        return self.line_top + self.line_height / 2 + self.font_size * 0.35
