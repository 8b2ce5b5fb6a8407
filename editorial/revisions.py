"""Every write of editors' content is a revision of the one item written: who, when, what, and why.

Reverting and recovering go through here too, and touch one item: the item
and its own children (links, tags, options), whatever else the revision
holds. Databases older than one-item revisions hold revisions of many items
(an import of 83 practices, a course and all its modules); a revert picks
the item's own part out of them and leaves every other item as it is.
"""

from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from reversion.models import Version
from reversion.revisions import _get_options

from editorial.models import PublicationStatus, Publishable


@contextmanager
def revision_of_one(user=None, comment=""):
    """An atomic block whose saves become one revision; services wrap one item's write in it.

    One item per revision, so reverting it touches that item and its own
    children, never another item written at the same time.
    """
    with transaction.atomic(), reversion.create_revision():
        yield
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)


def record_as_written(item):
    """Store `item` in the open revision as it is now, with the children it has now.

    django-reversion stores an item's children when the item is saved; children
    written after that (bulk-created links, for instance) would be missing from
    the revision, and children deleted since would linger in it as if still there.
    """
    reversion.add_to_revision(item)


def set_links(item, **links):
    """Set each many-to-many or tag link given (a value of None leaves that link as it is)."""
    for name, value in links.items():
        if value is not None:
            getattr(item, name).set(value)


# An item's own children ------------------------------------------------------------


@dataclass(frozen=True)
class ChildKind:
    accessor: str  # the item's reverse relation, e.g. "references"
    model: type
    parent_attname: str  # the child's foreign key to the item, e.g. "practice_id"
    label: str


def own_children(model):
    """The kinds of child a revision of `model` carries that belong to the item alone.

    Everything the item's versions follow, except content with a publication
    status of its own: a course follows its modules, but a module is an item
    with its own history, reverted on its own page, never by its course.
    """
    kinds = []
    for name in _get_options(model).follow:
        relation = model._meta.get_field(name)
        child = relation.related_model
        if not relation.one_to_many or issubclass(child, Publishable):
            continue
        label = str(child._meta.verbose_name_plural) if name != "tagged_items" else "tags"
        kinds.append(ChildKind(name, child, relation.field.attname, label))
    return kinds


def _versions_of_children(kind, parent_pk, revision_versions):
    """The versions in a revision of the children of kind `kind` whose parent is `parent_pk`."""
    content_type = ContentType.objects.get_for_model(kind.model)
    return [
        version
        for version in revision_versions
        if version.content_type_id == content_type.pk and version.field_dict.get(kind.parent_attname) == parent_pk
    ]


# Reverting and recovering ----------------------------------------------------------


class RestoreRefused(Exception):
    """A revert or recovery that would reach beyond what it may touch."""


def restore_version(version, user, *, comment, as_draft=False):
    """Bring the item of `version` back to that version: its fields, links and own children, nothing else.

    One revision of the item alone. Children the item has now and the version
    lacks are deleted only when `user` may delete them; otherwise the revert
    is refused. What editors do not edit (answer counts, import records) is
    kept as it is now. `as_draft` brings the item back unpublished.
    """
    revision_versions = list(version.revision.version_set.all())
    with revision_of_one(user, comment):
        item = _restore_object(version, as_draft=as_draft)
        _restore_children(item, revision_versions, user)
    return item


def _restore_object(version, *, as_draft=False):
    model = version._model
    stored = version._object_version
    item = stored.object
    current = model._default_manager.filter(pk=item.pk).first()
    for field in model._meta.concrete_fields:
        if current is not None and not field.editable and not field.primary_key:
            setattr(item, field.attname, getattr(current, field.attname))
    if as_draft and isinstance(item, Publishable):
        item.status = PublicationStatus.DRAFT
    item.save()
    for name, pks in (stored.m2m_data or {}).items():
        getattr(item, name).set(pks)
    return model._default_manager.get(pk=item.pk)


def _restore_children(item, revision_versions, user):
    for kind in own_children(type(item)):
        old_versions = _versions_of_children(kind, item.pk, revision_versions)
        old_pks = {str(version.object_id) for version in old_versions}
        extra = getattr(item, kind.accessor).exclude(pk__in=[int(pk) for pk in old_pks])
        if extra.exists():
            meta = kind.model._meta
            if not user.has_perm(f"{meta.app_label}.delete_{meta.model_name}"):
                raise RestoreRefused(f"This would delete {kind.label} you may not delete.")
            extra.delete()
        children = [_restore_object_keeping(version) for version in old_versions]
        # A child that gives a flag up (an option no longer the correct one) is saved
        # before one that takes it, so a rule of one flagged child holds at every step.
        for child in sorted(children, key=_flags):
            child.save()
            _restore_children(child, revision_versions, user)


def _restore_object_keeping(version):
    """A child as stored in `version`, keeping what editors do not edit from its current row."""
    model = version._model
    child = version._object_version.object
    current = model._default_manager.filter(pk=child.pk).first()
    if current is not None:
        for field in model._meta.concrete_fields:
            if not field.editable and not field.primary_key:
                setattr(child, field.attname, getattr(current, field.attname))
    return child


def _flags(child):
    booleans = [field for field in child._meta.concrete_fields if isinstance(field, models.BooleanField)]
    return tuple(bool(getattr(child, field.attname)) for field in booleans)


def version_of(model, version_id, **lookups):
    """The version `version_id` of an item of `model`, or None: a version of another kind of item is refused."""
    content_type = ContentType.objects.get_for_model(model)
    return (
        Version.objects.filter(pk=version_id, content_type=content_type, **lookups)
        .select_related("revision", "revision__user")
        .first()
    )
