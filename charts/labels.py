"""Words in pictures: how counts are said, and fitting text into a width without a font at hand.

The server cannot measure text, so widths are estimated from character
classes of a typical sans-serif; the estimates err wide, so text fits.
"""

from django.utils.translation import ngettext

ELLIPSIS = "…"
_NARROW = set("iljtfrI.,:;'’!|()[] ")
_WIDE = set("mwMW@%")


def practices_phrase(count):
    """How every link and summary says a count: "1 practice", "17 practices"."""
    return ngettext("%(count)s practice", "%(count)s practices", count) % {"count": count}


def _character_ems(character):
    if character in _NARROW:
        return 0.36
    if character in _WIDE:
        return 0.95
    if character.isupper() or character.isdigit():
        return 0.7
    return 0.62


def _running_ems(text):
    """[ems of text[:0], text[:1], …, text]: summed in order, as estimated_width sums them."""
    running, ems = [0.0], 0.0
    for character in text:
        ems += _character_ems(character)
        running.append(ems)
    return running


def estimated_width(text, font_size):
    """Roughly how wide `text` is drawn at `font_size`, in the same units."""
    return _running_ems(text)[-1] * font_size


def fit_lines(text, width, font_size, max_lines):
    """The text in at most `max_lines` lines of `width`; the last one ends in "…" when words were left out."""
    words = text.split()
    lines = []
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and estimated_width(f"{line} {words[0]}", font_size) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:  # what did not fit: the last line shows as much of it as it can
        lines[-1] = f"{lines[-1]} {' '.join(words)}"
    return [shorten(line, width, font_size) for line in lines]


def shorten(text, width, font_size):
    """The text, cut and ended with "…" if it is wider than `width`."""
    running = _running_ems(text)
    if running[-1] * font_size <= width:
        return text
    # The longest cut whose stripped text and "…" fit, each width read from the running sums (once, not per cut).
    ellipsis = _character_ems(ELLIPSIS)
    cut = len(text)
    while cut > 0:
        kept = len(text[:cut].rstrip())
        if (running[kept] + ellipsis) * font_size <= width:
            break
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS
