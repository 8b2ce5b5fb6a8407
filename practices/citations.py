"""How a practice is cited: the compendium it comes from, as text and as a BibTeX entry."""

import re

SOURCE_TITLE = "Draft Compendium of good practices on intercultural integration and multilevel governance"
SOURCE_DOCUMENT, SOURCE_DATE, SOURCE_YEAR = "CDADI(2024)39", "4 November 2024", "2024"
CITATION_SOURCE = f"Council of Europe, {SOURCE_TITLE}, {SOURCE_DOCUMENT}, {SOURCE_DATE}"

# LaTeX's special characters as BibTeX must receive them. Braces are written as commands, not `\{`:
# BibTeX counts every brace in a field, escaped or not, so `\{` alone would unbalance the entry.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile("|".join(re.escape(character) for character in _BIBTEX_ESCAPES))


def bibtex_text(text):
    """`text` as a BibTeX field's content: LaTeX's special characters escaped, lines joined."""
    return _SPECIAL.sub(lambda match: _BIBTEX_ESCAPES[match.group()], " ".join(str(text).split()))


def bibtex_entry(practice, address, consulted):
    """The practice as a BibTeX @misc entry: `address` its page's absolute URL, `consulted` a date."""
    key = "compendium2024-" + re.sub(r"[^A-Za-z0-9-]", "", practice.slug)
    author = practice.whereabouts or "Council of Europe"
    fields = [
        # Double braces: an organisation or a place is one name, never "Last, First".
        ("author", "{" + bibtex_text(author) + "}"),
        ("title", "{" + bibtex_text(practice.title) + "}"),
        ("howpublished", r"\url{" + address + "}"),
        ("url", address),
        ("year", SOURCE_YEAR),
        ("urldate", consulted.isoformat()),
        ("note", bibtex_text(f"In: {CITATION_SOURCE}")),
    ]
    lines = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{lines}\n}}\n"
