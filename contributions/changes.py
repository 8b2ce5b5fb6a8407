"""A submission's fields as readers see them, kept as versions, and what changed between two versions."""

import difflib
import re
from dataclasses import dataclass, field

from contributions.models import Submission

LIST_FIELDS = ("areas", "types")


def snapshot(submission):
    """{field: value as shown} for the template's fields: text, names for lists, [label, url] for references.

    Names rather than ids, so a version reads the same after the vocabulary is renamed.
    """
    values = {}
    for name in Submission.TEMPLATE_FIELDS:
        if name in LIST_FIELDS:
            values[name] = sorted(term.name for term in getattr(submission, name).all())
        elif name == "references":
            values[name] = [[entry.get("label", ""), entry.get("url", "")] for entry in submission.references]
        elif name in ("start", "end"):
            month = getattr(submission, name)
            values[name] = month.strftime("%B %Y") if month else ""
        elif name in ("ongoing", "consent"):
            values[name] = "Yes" if getattr(submission, name) else "No"
        elif name == "level":
            values[name] = submission.get_level_display() if submission.level else ""
        elif name == "language":
            values[name] = submission.get_language_display()
        elif name in ("theme", "country"):
            related = getattr(submission, name)
            values[name] = str(related) if related else ""
        else:
            values[name] = getattr(submission, name)
    return values


def as_text(value):
    """One field's value as a line of text (for comparing, and for e-mails)."""
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return "\n".join(" — ".join(part for part in pair if part) for pair in value)
        return ", ".join(value)
    return value or ""


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str
    # [(kind, text)], kind "same", "removed" or "added", word by word
    pieces: list = field(default_factory=list)


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(before, after):
    """[(kind, text)] turning `before` into `after` word by word: kind is "same", "removed" or "added".

    Spaces alone between two changes join them, so a rewritten sentence reads
    as one removal and one addition rather than a word salad.
    """
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    pieces, removed, added = [], "", ""
    for operation, old_from, old_to, new_from, new_to in difflib.SequenceMatcher(None, old, new).get_opcodes():
        same = "".join(old[old_from:old_to]) if operation == "equal" else ""
        if operation == "equal" and not (same.isspace() and (removed or added)):
            pieces += [(kind, text) for kind, text in (("removed", removed), ("added", added)) if text]
            removed = added = ""
            pieces.append(("same", same))
            continue
        removed += same or "".join(old[old_from:old_to])
        added += same or "".join(new[new_from:new_to])
    pieces += [(kind, text) for kind, text in (("removed", removed), ("added", added)) if text]
    return pieces


def changes_between(before, after):
    """{field name: FieldChange} for each template field whose shown value differs between two snapshots."""
    changes = {}
    for name in Submission.TEMPLATE_FIELDS:
        old, new = as_text(before.get(name, "")), as_text(after.get(name, ""))
        if old != new:
            changes[name] = FieldChange(name, Submission.field_label(name), old, new, word_diff(old, new))
    return changes
