"""What an item holds, as an editor reads it, and what differs between two states of it, field by field.

A state is {label: text}: every field an editor edits, each link, and each kind
of own child as one line per child. States are built for the item as it is
now and for any stored version; names of linked things (a theme, a country, a
tag) are read together, one query per kind of thing, however long a history.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import capfirst

from editorial.revisions import _versions_of_children, own_children

_LONG_TEXT = 160


@dataclass(frozen=True)
class Difference:
    label: str
    before: str
    after: str

    @property
    def is_long(self):
        return len(self.before) > _LONG_TEXT or len(self.after) > _LONG_TEXT


class Names:
    """Names of linked rows, wanted first and read together (one query per model)."""

    def __init__(self):
        self._wanted = defaultdict(set)
        self._found = {}

    def want(self, model, pk):
        self._wanted[model].add(pk)
        return _Ref(model, pk)

    def read(self):
        for model, pks in self._wanted.items():
            found = self._found.setdefault(model, {})
            missing = pks - set(found)
            if missing:
                found.update(model._default_manager.in_bulk(missing))
        self._wanted.clear()

    def name(self, ref):
        row = self._found.get(ref.model, {}).get(ref.pk)
        return str(row) if row is not None else f"(deleted {ref.model._meta.verbose_name} {ref.pk})"


@dataclass(frozen=True)
class _Ref:
    model: type
    pk: object


def _editable_fields(model, skip=()):
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.attname not in skip and field.name != "position"
    ]


def _stored_many_to_many(model):
    """Links kept in a version (those with Django's own link table; tags are children)."""
    return [field for field in model._meta.many_to_many if field.remote_field.through._meta.auto_created]


def _value(field, raw, names):
    if raw is None or raw == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if field.is_relation:
        return names.want(field.related_model, raw)
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    return str(raw)


def _raw_state(item, links, children, names, skip=()):
    """{label: value} with references to names still to read. `links`: {field name: pks}; `children`: {label: [raw]}."""
    state = {}
    for field in _editable_fields(type(item), skip):
        state[str(capfirst(field.verbose_name))] = _value(field, getattr(item, field.attname), names)
    for field in _stored_many_to_many(type(item)):
        pks = sorted(links.get(field.name, ()))
        state[str(capfirst(field.verbose_name))] = tuple(names.want(field.related_model, pk) for pk in pks)
    for label, rows in children.items():
        state[str(capfirst(label))] = tuple(rows)
    return state


@dataclass(frozen=True)
class _Child:
    parts: tuple  # its fields' values, in order
    children: tuple = ()  # its own children's parts (a question's options)


def _child_parts(child, kind, names):
    fields = _editable_fields(kind.model, {kind.parent_attname})
    values = (_value(field, getattr(child, field.attname), names) for field in fields)
    return tuple(value for value in values if value != "")


def _ordered(children):
    return sorted(children, key=lambda child: (getattr(child, "position", 0), child.pk or 0))


def live_state(item, names):
    """The item as it is now."""
    model = type(item)
    links = {field.name: [row.pk for row in getattr(item, field.name).all()] for field in _stored_many_to_many(model)}
    children = {}
    for kind in own_children(model):
        children[kind.label] = [
            _Child(
                _child_parts(row, kind, names),
                tuple(
                    _child_parts(grandchild, grandkind, names)
                    for grandkind in own_children(kind.model)
                    for grandchild in _ordered(getattr(row, grandkind.accessor).all())
                ),
            )
            for row in _ordered(
                getattr(item, kind.accessor).prefetch_related(*(g.accessor for g in own_children(kind.model)))
            )
        ]
    return _raw_state(item, links, children, names)


def stored_state(version, revision_versions, names):
    """The item as `version` stored it; `revision_versions` are all the versions of its revision."""
    stored = version._object_version
    item = stored.object

    def rows_of(kind, parent):
        return _ordered(v._object_version.object for v in _versions_of_children(kind, parent.pk, revision_versions))

    children = {}
    for kind in own_children(type(item)):
        children[kind.label] = [
            _Child(
                _child_parts(row, kind, names),
                tuple(
                    _child_parts(grandchild, grandkind, names)
                    for grandkind in own_children(kind.model)
                    for grandchild in rows_of(grandkind, row)
                ),
            )
            for row in rows_of(kind, item)
        ]
    return _raw_state(item, stored.m2m_data or {}, children, names)


def as_text(state, names):
    """{label: text} once every wanted name has been read."""
    names.read()
    return {label: _render(value, names) for label, value in state.items()}


def _render(value, names):
    if isinstance(value, _Ref):
        return names.name(value)
    if isinstance(value, tuple):  # links: names, comma-separated; children: one line each
        if value and isinstance(value[0], _Child):
            return "\n".join(_render_child(child, names) for child in value)
        return ", ".join(_render(part, names) for part in value)
    return value


def _render_child(child, names):
    lines = [" · ".join(_render(part, names) for part in child.parts)]
    lines += ["    — " + " · ".join(_render(part, names) for part in parts) for parts in child.children]
    return "\n".join(lines)


def differences(before, after):
    """[Difference] for each label whose text differs, in the order of `after` (then labels only in `before`)."""
    labels = list(after) + [label for label in before if label not in after]
    return [
        Difference(label, before.get(label, ""), after.get(label, ""))
        for label in labels
        if before.get(label, "") != after.get(label, "")
    ]
