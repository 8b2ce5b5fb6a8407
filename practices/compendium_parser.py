"""The compendium CDADI(2024)39, as exported to Markdown, read into one record per entry.

Pure text in, dataclasses out: no database, no vocabulary beyond the section
(theme) titles the caller passes. The table of contents is the authoritative,
ordered list of sections, country (or organisation) headings and the 83 entry
titles; the body is walked in that order, each heading found by its
normalised form (`match_key`), so the small differences of case, quotes,
markup, dot leaders and spacing between the two do not matter.

Inside an entry, the export's quirks are undone here:
- reviewers' comments ("Commented [BF4]: …") are taken out of the text;
- footnotes ("² See: <…>") are taken out of the page flow and appended, with
  their marker, to the end of the field that cites them;
- paragraphs a page break cut in two are joined again;
- field labels vary ("Impact/Outcomes:", "Area of intervention :", …) and map
  to one field each; a label repeated inside a field is content;
- the references block ("Key reference documents", "Further information")
  becomes prose (Markdown) and ordered links;
- text becomes Markdown in Python-Markdown's dialect ("tables", "sane_lists").
"""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Field labels as the contributors wrote them, to the field they fill. A
# "Stimulus/Rationale and Process:" text tells why and how the practice began in
# one narrative that cannot be cut honestly, so it goes to `rationale` (the
# detail page then titles it "Stimulus, rationale and process").
FIELD_LABELS = {
    "type": "type_text",
    "area of intervention": "area_text",
    "duration": "duration_text",
    "duration/elaboration period": "duration_text",
    "elaboration period": "duration_text",
    "purpose": "purpose",
    "aim": "purpose",
    "stimulus/rationale": "rationale",
    "stimulus/rationale and process": "rationale",
    "rationale": "rationale",
    "process": "process",
    "impact": "impact",
    "impact/outcomes": "impact",
    "key reference documents": "references",
    "further information": "references",
    "further information (source)": "references",
}
_LABEL = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in sorted(FIELD_LABELS, key=len, reverse=True)) + r")\s*:\s*",
    re.IGNORECASE,
)
# "Further information about common projects can be found here: <…>" starts a references block too.
_REFERENCES_PROSE_START = re.compile(r"^Further information\b", re.IGNORECASE)
SHORT_FIELDS = ("type_text", "area_text", "duration_text")
LONG_FIELDS = ("purpose", "rationale", "process", "impact")

_REVIEWER_COMMENT = re.compile(r"^Commented \[[A-Z0-9]+\]:")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE = re.compile(rf"^(?P<marker>[{_SUPERSCRIPTS}]+)\s*(?P<text>.+)$")
_FOOTNOTE_MARKER = re.compile(rf"[{_SUPERSCRIPTS}]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-•]|\d+\.)\s")
_URL_START = re.compile(r"^(?:<?https?://|www\.)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.:;!?)\]>\"”’…]$")


class CompendiumFormatError(Exception):
    """The text does not have the shape this parser knows; nothing can be imported from it."""


@dataclass
class Reference:
    label: str
    url: str


@dataclass
class CompendiumEntry:
    position: int  # 1-based, the order of the table of contents
    source_key: str  # the normalised table-of-contents title
    toc_title: str  # as in the table of contents, markup and dot leaders removed
    heading: str  # as printed above the entry
    section: str  # the section (theme) heading as printed in the table of contents
    group: str  # the country or organisation heading above it ("" for none)
    prefix: str  # "BILBAO", "CANTON OF NEUCHÂTEL", "ICEI – …": the capitals before the title's colon
    title: str  # without the prefix, markup or enclosing quotes
    type_text: str = ""
    area_text: str = ""
    duration_text: str = ""
    purpose: str = ""
    rationale: str = ""
    process: str = ""
    impact: str = ""
    further_information: str = ""
    references: list = field(default_factory=list)
    reviewer_comments: list = field(default_factory=list)


@dataclass
class _TocItem:
    kind: str  # "section", "group" or "entry"
    text: str


@dataclass
class _Block:
    """A paragraph of the export: consecutive non-blank lines."""

    lines: list

    @property
    def first(self):
        return self.lines[0]

    @property
    def last(self):
        return self.lines[-1]

    @property
    def is_table(self):
        return self.first.startswith("|")


def match_key(text):
    """A form two spellings of the same heading share: accents, case, markup and punctuation dropped."""
    text = re.sub(r"</?i>", "", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return "-".join(re.findall(r"[a-z0-9]+", text))


def parse_compendium(text, section_titles):
    """The compendium's entries in the table of contents' order.

    `section_titles` are the theme titles; a table of contents row matching one
    (by `match_key`) is a section, any other row in capitals a country or
    organisation heading, any other row an entry.
    """
    lines = text.splitlines()
    toc, body_start = _table_of_contents(lines, {match_key(title) for title in section_titles})
    blocks = _blocks(lines[body_start:])
    found = _heading_positions(toc, blocks)
    entries = []
    section = group = ""
    pending_comments = []
    for number, item in enumerate(toc):
        heading_at = found[number]
        content = blocks[heading_at + 1 : found[number + 1] if number + 1 < len(toc) else len(blocks)]
        if item.kind != "entry":
            section, group = (item.text, "") if item.kind == "section" else (section, item.text)
            # Only a reviewer's comment may stand between a heading and the next one; it
            # concerns the entry that follows ("This updates Luxembourg's previous entry…").
            content, comments = _without_reviewer_comments(content)
            if content:
                raise CompendiumFormatError(f"Text under {item.text!r} belongs to no entry: {content[0].first[:60]!r}")
            pending_comments.extend(comments)
            continue
        heading = blocks[heading_at].first
        prefix, title = split_prefix(heading)
        entry = CompendiumEntry(
            position=len(entries) + 1,
            source_key=match_key(item.text),
            toc_title=item.text,
            heading=heading,
            section=section,
            group=group,
            prefix=prefix,
            title=clean_title(title),
        )
        _fill_entry(entry, content)
        entry.reviewer_comments[:0] = pending_comments
        pending_comments = []
        entries.append(entry)
    return entries


def _heading_positions(toc, blocks):
    """The index of each table-of-contents item's heading among the blocks, searched in order."""
    positions, cursor = [], 0
    for item in toc:
        key = match_key(item.text)
        position = next(
            (i for i in range(cursor, len(blocks)) if len(blocks[i].lines) == 1 and match_key(blocks[i].first) == key),
            None,
        )
        if position is None:
            raise CompendiumFormatError(f"The heading {item.text!r} of the table of contents is not in the text.")
        positions.append(position)
        cursor = position + 1
    return positions


def split_prefix(heading):
    """("BILBAO", "Anti-rumours strategy") from "BILBAO: Anti-rumours strategy"; ("", heading) without one."""
    match = re.match(r"^(?P<prefix>[^:]+?)\s*:\s*(?P<rest>.+)$", heading)
    if match and match["prefix"] == match["prefix"].upper() and re.search(r"[A-Z]", match["prefix"]):
        return match["prefix"].strip(), match["rest"]
    return "", heading


def clean_title(title):
    """The title as a reader should see it: no Markdown or HTML markup, no export spacing, no enclosing quotes."""
    title = re.sub(r"</?i>", "", title)
    title = re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", title)
    title = re.sub(r"\s+:\s*", ": ", title)
    title = re.sub(r"\.{2,}$|\s+$", "", title)
    title = re.sub(r"\s{2,}", " ", title).strip()
    quoted = re.fullmatch(r"[\"“](?P<inner>[^\"“”]+)[\"”]", title)
    return quoted["inner"].strip() if quoted else title


# The table of contents ----------------------------------------------------------------


def _table_of_contents(lines, section_keys):
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "TABLE OF CONTENTS")
    except StopIteration:
        raise CompendiumFormatError("No TABLE OF CONTENTS.") from None
    items = []
    index = start + 1
    while index < len(lines) and (not lines[index].strip() or lines[index].startswith("|")):
        cells = [cell.strip() for cell in lines[index].strip().strip("|").split("|")]
        index += 1
        if len(cells) < 2 or not cells[0] or re.fullmatch(r"-+", cells[0]):
            continue
        text = re.sub(r"\s*\.{2,}\s*$", "", re.sub(r"</?i>", "", cells[0])).strip()
        if match_key(text) == "introduction":
            continue
        if match_key(text) in section_keys:
            kind = "section"
        elif text == text.upper():
            kind = "group"
        else:
            kind = "entry"
        items.append(_TocItem(kind, text))
    if not any(item.kind == "entry" for item in items):
        raise CompendiumFormatError("The table of contents lists no entry.")
    return items, index


def _blocks(lines):
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(_Block(current))
            current = []
    if current:
        blocks.append(_Block(current))
    return blocks


# One entry -------------------------------------------------------------------------


def _fill_entry(entry, blocks):
    blocks, entry.reviewer_comments = _without_reviewer_comments(blocks)
    blocks, footnotes = _without_footnotes(blocks)
    blocks = _joined_across_page_breaks(blocks)
    fields = _split_fields(blocks)
    for name in SHORT_FIELDS:
        setattr(entry, name, " ".join(" ".join(block.lines) for block in fields.get(name, [])).strip())
    for name in LONG_FIELDS:
        markdown = markdown_from_blocks(fields.get(name, []), headings=True)
        setattr(entry, name, _with_footnotes(markdown, footnotes))
    if "essay" in fields:
        if len(fields) > 1:
            raise CompendiumFormatError(f"Text before the first field label of {entry.heading!r}.")
        # The closing Canadian insights have no fields: the essay is the entry's text (kept
        # in `purpose`; its page shows it without the "Purpose" heading the source does not have).
        entry.purpose = _with_footnotes(markdown_from_blocks(fields["essay"], headings=True), footnotes)
    prose, entry.references = references_from_blocks(fields.get("references", []))
    entry.references = labelled_references(entry.references, entry.title)
    entry.further_information = _with_footnotes(prose, footnotes)
    unused = set(footnotes) - {
        marker for name in (*LONG_FIELDS, "further_information") for marker in _markers(getattr(entry, name))
    }
    if unused:
        raise CompendiumFormatError(f"Footnotes {sorted(unused)} of {entry.heading!r} are cited nowhere.")


def _without_reviewer_comments(blocks):
    kept, comments = [], []
    for block in blocks:
        if _REVIEWER_COMMENT.match(block.first):
            comments.append(" ".join(block.lines))
        else:
            kept.append(block)
    return kept, comments


def _without_footnotes(blocks):
    kept, footnotes = [], {}
    for block in blocks:
        match = _FOOTNOTE.match(block.first)
        if match and len(block.lines) == 1:
            footnotes[match["marker"]] = match["text"]
        else:
            kept.append(block)
    return kept, footnotes


def _markers(text):
    return set(_FOOTNOTE_MARKER.findall(text or ""))


def _with_footnotes(text, footnotes):
    """The text with the footnotes it cites appended, each marked as in the source ("² See: <…>")."""
    cited = [marker for marker in footnotes if marker in _markers(text)]
    notes = [f"{marker} {inline_markdown(footnotes[marker])}" for marker in cited]
    return "\n\n".join([text, *notes]) if notes and text else text


def _joined_across_page_breaks(blocks):
    """Paragraphs a page break (and the footnotes printed there) cut in two, joined again.

    A block continues the one before when it starts in lower case, or when the
    one before stops mid-sentence (no closing punctuation after a long line);
    a list item, a table, a URL or a field label never continues anything.
    """
    joined = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if previous and _continues(previous, block):
            previous.lines[-1] = f"{previous.last} {block.first}"
            previous.lines.extend(block.lines[1:])
        else:
            joined.append(_Block(list(block.lines)))
    return joined


def _continues(previous, block):
    if previous.is_table or block.is_table or _LABEL.match(block.first) or _LIST_ITEM.match(block.first):
        return False
    if _URL_START.match(block.first) or _REFERENCES_PROSE_START.match(block.first):
        return False
    if block.first[0].islower():
        return True
    ending = previous.last.rstrip(_SUPERSCRIPTS)  # "…Scunthorpe United.³" ends a sentence
    if len(ending) <= 150 or _SENTENCE_END.search(ending):
        return False
    if block.first[0].isdigit():
        return True  # "…where applications are received," + "326 social assistance examiners…"
    # Stopped on a lower-case word ("such as the" + "University of Bradford…", "with National-level" +
    # "Administrations…"), not on a name that only lacks its full stop ("…sent to Ukraine" + "Just one month…").
    last_word = ending.split()[-1]
    return last_word[-1].isalpha() and any(part[:1].islower() for part in last_word.split("-"))


def _split_fields(blocks):
    """{field: [blocks]}; a label repeated inside its own field is content ("Impact:" inside Luxembourg's impact)."""
    fields, current = {}, None
    for block in blocks:
        label = _LABEL.match(block.first)
        name = FIELD_LABELS[label["label"].lower()] if label else None
        if name and (name not in fields or (name == "references" and current != "references")):
            rest = block.first[label.end() :]
            block = _Block(([rest] if rest.strip() else []) + block.lines[1:])
            current = name
            fields.setdefault(name, [])
        elif current != "references" and _REFERENCES_PROSE_START.match(block.first):
            current = "references"
            fields.setdefault(current, [])
        elif current is None:
            current = "essay"
            fields.setdefault(current, [])
        if block.lines:
            fields[current].append(block)
    return fields


# Markdown ------------------------------------------------------------------------------

_NOISE_LINK = re.compile(r"\[(?:Link to an external website|Opens in a new tab)\]\(#\)")
_DEAD_LINK = re.compile(r"\[(?P<label>(?:[^\]\\]|\\.)+)\]\(#\)")
_MARKDOWN_LINK = re.compile(r"\[(?P<label>(?:[^\]\\]|\\.)+)\]\((?P<url>[^)\s]+)\)")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^>]+)>")
_BARE_URL = re.compile(r"(?<![<(\w/])(?P<url>https?://[^\s<>]+)")
_BARE_WWW = re.compile(r"(?<![<(\[\w/.])(?P<url>www\.[^\s<>()]+)")


def repair_url(url):
    """The address the export meant: no inner spaces, no doubled address, a scheme before "www."."""
    url = re.sub(r"\s+", "", url)
    doubled = [match.start() for match in re.finditer(r"https?://", url)]
    if len(doubled) > 1:
        url = url[doubled[-1] :]  # "https://www.cugc.es/https://www.cugc.es/estudios…"
    if url.lower().startswith("www."):
        url = "https://" + url
    return url


def _trim_url(url):
    """A bare URL without the sentence punctuation that follows it."""
    while url and (url[-1] in ".,;:" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def unescape(text):
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!$])", r"\1", text)


def inline_markdown(text):
    """One line of the export as Markdown: dead links as their words, bare addresses as autolinks."""
    text = _NOISE_LINK.sub("", text)
    text = _DEAD_LINK.sub(lambda match: unescape(match["label"]), text)
    text = _AUTOLINK.sub(lambda match: f"<{repair_url(match['url'])}>", text)

    def autolink(match):
        url = _trim_url(match["url"])
        return f"<{repair_url(url)}>{match['url'][len(url) :]}"

    def www_link(match):
        url = _trim_url(match["url"])
        return f"[{url}]({repair_url(url)}){match['url'][len(url) :]}"

    text = _BARE_URL.sub(autolink, text)
    text = _BARE_WWW.sub(www_link, text)
    text = text.replace("\\$", "$")
    if text.count("**") % 2:
        # "- 1. *We promote good health and well-being*:** The health…": an opener lost in the export.
        text = re.sub(r"\*\*(?!.*\*\*)", "", text)
    return text


def _table_row(line):
    line = re.sub(r"<i>(.*?)</i>", r"*\1*", line)
    return re.sub(r"(?<=\S) {2,}", " ", re.sub(r"</?ol[^>]*>", "", line))


def markdown_from_blocks(blocks, headings=False):
    """The blocks of one field as Markdown: paragraphs apart, lists and tables kept, "•" bullets as "- "."""
    paragraphs = []
    for index, block in enumerate(blocks):
        if block.is_table and _is_single_column(block):
            paragraphs.extend(_single_column_table(block))
            continue
        if block.is_table:
            paragraphs.append("\n".join(_table_row(line) for line in block.lines))
            continue
        if headings and index < len(blocks) - 1 and _is_subheading(block):
            paragraphs.append(f"### {block.first.strip()}")
            continue
        paragraphs.append(_markdown_lines(block.lines))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph.strip())


_TABLE_RULE = re.compile(r"^\|[\s:|-]*\|$")
_OL_TAG = re.compile(r"</?ol[^>]*>")
# "1. ", "12. " (an item) and "a. " (an item inside it), each after a space or at the start.
_CELL_ITEM = re.compile(r"(?<!\S)(?P<marker>\d{1,2}|[a-z])\.\s+")


def _is_single_column(block):
    return all(line.strip().count("|") == 2 for line in block.lines if not _TABLE_RULE.match(line.strip()))


def _single_column_table(block):
    """A one-column table the export made of a programme (Bilbao's training: a session's title, then its
    numbered items with lettered items inside): each title a sub-heading, each cell its nested list."""
    parts = []
    for line in block.lines:
        cell = line.strip()
        if _TABLE_RULE.match(cell):
            continue
        cell = cell.strip("|").strip()
        if "<ol" not in cell:
            parts.append(f"### {inline_markdown(_table_row(cell)).strip()}")
            continue
        text = " ".join(_OL_TAG.sub(" ", _table_row(cell)).split())
        markers = list(_CELL_ITEM.finditer(text))
        items = []
        for number, match in enumerate(markers):
            end = markers[number + 1].start() if number + 1 < len(markers) else len(text)
            words = inline_markdown(text[match.end() : end].strip())
            if match["marker"].isdigit():
                items.append(f"{match['marker']}. {words}")
            else:
                items.append(f"    - {match['marker']}\\. {words}")
        parts.append("\n".join(items))
    return parts


def _is_subheading(block):
    """A line the source sets apart as a heading ("Diversity Lab", "Objectives and activities"): a short
    paragraph of its own, capitalised, without closing punctuation, that is no list item or address."""
    line = block.first.strip()
    return (
        len(block.lines) == 1 and len(line) < 100 and len(line.split()) <= 14 and line[:1].isupper()
        and not _SENTENCE_END.search(line) and not line.endswith(":")
        and not _LIST_ITEM.match(line) and not _URL_START.match(line)
    )  # fmt: skip


def _markdown_lines(lines):
    """Lines of one paragraph; a list starts and ends with a blank line, nested items get four spaces."""
    out = []
    was_item = None
    for raw in lines:
        line = re.sub(r"^(\s*)•\s*", r"\1- ", raw)
        nested = re.match(r"^ {1,3}- ", line)
        line = ("    - " + line.lstrip()[2:]) if nested else line.strip()
        is_item = bool(_LIST_ITEM.match(line))
        if was_item is not None and is_item != was_item:
            out.append("")
        out.append(_escape_lone_number(inline_markdown(line), is_item, len(lines)))
        was_item = is_item
    return "\n".join(out)


def _escape_lone_number(line, is_item, line_count):
    """Keep the source's own numbering visible.

    A paragraph "3. Consolidation phase …" standing alone would restart at 1 as a
    Markdown list, and "- 1. *We promote…*" would nest a list in the bullet.
    """
    if line_count == 1 and re.match(r"^\d+\.\s", line):
        return re.sub(r"^(\d+)\.", r"\1\\.", line)
    return re.sub(r"^(\s*- )(\d+)\.(\s)", r"\1\2\\.\3", line) if is_item else line


# The references block -------------------------------------------------------------------


@dataclass
class _Item:
    text: str
    is_list_item: bool
    urls: list
    has_dead_link: bool

    @property
    def label(self):
        return reference_label(self.text)

    @property
    def is_link(self):
        return bool(self.urls) or self.has_dead_link

    @property
    def is_bare_url(self):
        return bool(self.urls) and not self.label


def references_from_blocks(blocks):
    """(prose Markdown, [Reference]) from a references block.

    Items with an address (or a link that lost it in the export) become
    references, in order; the rest (partner lists, "Leading authority: …",
    notes) stays prose. A line that only names what follows labels the bare
    addresses after it: "Facebook page of the Tallinn Migration Centre:" + an
    address; "Web sites for stakeholders" + several; a list item naming a
    document + the address on the next line.
    """
    items = _items(blocks)
    prose_items, references = [], []
    label, label_scope = "", None
    described = ""  # the label of the reference just written, which a paragraph after it may describe
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if not item.is_link:
            scope = _label_scope(item)
            if scope and following is not None and following.is_bare_url:
                label, label_scope, described = item.label, scope, ""
                continue
            if described and not item.is_list_item:
                # EU-Belong: "This publication serves as a guide…" under the document it describes.
                item = _Item(f"**{described}**: {item.text}", False, [], False)
            label, label_scope, described = "", None, ""
            prose_items.append(item)
            continue
        if item.urls and len(item.label) > 250:
            prose_items.append(item)  # a paragraph that cites an address in passing is prose, not a link
            label, label_scope, described = "", None, ""
            continue
        item_label = item.label or (label if item.is_bare_url else "")
        for url in item.urls or [""]:
            references.append(Reference(label=item_label, url=url))
        described = item_label
        if not (item.is_bare_url and label_scope == "all"):
            label, label_scope = "", None
    return _prose_markdown(prose_items), references


# A label that only says the language of what it links to: "(French)", "ENG".
_LANGUAGE_ONLY = re.compile(
    r"\(?(?:in\s+)?(?P<language>english|french|german|spanish|italian|greek|portuguese|polish|estonian|eng|fr)\)?",
    re.IGNORECASE,
)


def labelled_references(references, title):
    """References whose source gives no words (or only a language) labelled from the entry they stand in.

    A "Key reference documents:" or "Further information:" address without words
    is the entry's own document or page: "<title>: document (PDF) on moj.gov.gr",
    "<title>: web page on baobab.lublin.pl, in French".
    """
    labelled = []
    for reference in references:
        language = _LANGUAGE_ONLY.fullmatch(reference.label.strip())
        if reference.url and (not reference.label or language):
            note = f", in {language['language'].capitalize()}" if language else ""
            if note == ", in Eng":
                note = ", in English"
            reference = Reference(label=f"{title}: {_what_is_at(reference.url)}{note}", url=reference.url)
        labelled.append(reference)
    return labelled


def _what_is_at(url):
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if host in ("youtube.com", "youtu.be"):
        return "video on YouTube"
    if host == "facebook.com":
        return "Facebook page"
    if parts.path.lower().endswith(".pdf"):
        return f"document (PDF) on {host}"
    return f"web page on {host}"


def _label_scope(item):
    """Whether a link-less item names the bare addresses after it: "all" of them, the "one" next, or None."""
    text = item.text.strip()
    if text.endswith(":"):
        return "all"
    if _SENTENCE_END.search(text):
        return None
    if item.is_list_item and len(text) <= 160:
        return "one"
    if not item.is_list_item and len(text) <= 60:
        return "all"
    return None


def _items(blocks):
    items = []
    for block in blocks:
        current = None
        for line in block.lines:
            item_start = re.match(r"^\s*[-•]\s+", line)
            if item_start or current is None:
                current = [line[item_start.end() :] if item_start else line, bool(item_start)]
                items.append(current)
            else:
                current[0] = f"{current[0]} {line.strip()}"
    return [_item(text.strip(), is_list_item) for text, is_list_item in items if text.strip()]


def _item(text, is_list_item):
    text = _NOISE_LINK.sub("", text)
    urls = []
    for match in re.finditer(
        r"\[(?:[^\]\\]|\\.)+\]\((?P<markdown>[^)\s#][^)\s]*)\)|<(?P<auto>https?://[^>]+)>"
        r"|(?<![<(\w/])(?P<bare>https?://[^\s<>]+)|(?<![<(\[\w/.])(?P<www>www\.[^\s<>()]+)",
        text,
    ):
        url = match["markdown"] or match["auto"] or _trim_url(match["bare"] or match["www"])
        url = repair_url(url)
        if url not in urls:
            urls.append(url)
    return _Item(text=text, is_list_item=is_list_item, urls=urls, has_dead_link=bool(_DEAD_LINK.search(text)))


_FOUND_AT = re.compile(
    r"\s+(?:can be found|is available|are available)(?: online)?(?: here| below| at| in the following link"
    r"| on the following link)?\s*:?\s*$",
    re.IGNORECASE,
)


def reference_label(text):
    """An item's words without its addresses or markup: "Website of the Integration Foundation (ENG)"."""
    text = _NOISE_LINK.sub("", text)
    text = _MARKDOWN_LINK.sub(lambda match: match["label"], text)
    text = _DEAD_LINK.sub(lambda match: match["label"], text)
    text = _AUTOLINK.sub(" ", text)
    text = re.sub(r"https?://[^\s<>]+|(?<![\w/.@])www\.[^\s<>()]+", " ", text)
    text = unescape(re.sub(r"\*\*|(?<!\w)\*|\*(?!\w)", "", text))
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*:\s*(?=\(|;|$)", " ", text).strip()  # "Website: <…> (ENG);" → "Website (ENG);"
    text = re.sub(r"[\s:;,.\-–]+$", "", text)
    text = _FOUND_AT.sub("", text)
    return re.sub(r"\s+\(", " (", text).strip()


def _prose_markdown(items):
    paragraphs, current_list = [], []
    for item in items:
        line = inline_markdown(item.text)
        if item.is_list_item:
            current_list.append(f"- {line}")
            continue
        if current_list:
            paragraphs.append("\n".join(current_list))
            current_list = []
        paragraphs.append(line)
    if current_list:
        paragraphs.append("\n".join(current_list))
    return "\n\n".join(paragraphs)
