"""The admin every kind of editors' content shares: history, revert, recover, refused deletes, Markdown previews.

django-reversion's own views revert a whole revision (every item in it, and
delete what the old revision lacked) and accept any version on any model's
page; these replace them. A revert first shows what will change, old beside
new, and then touches the one item and its own children (`restore_version`).
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from reversion.admin import VersionAdmin
from reversion.models import Version

from editorial.differences import Names, as_text, differences, live_state, stored_state
from editorial.editing import MarkdownTextarea, is_markdown, markdown_help
from editorial.markdown import render_markdown
from editorial.models import Publishable
from editorial.revisions import RestoreRefused, own_children, restore_version, version_of

PREVIEW_LIMIT = 200_000


def _when(version):
    return localize(template_localtime(version.revision.date_created))


def _children_versions(model, revision_ids):
    """Every version of `model`'s own children (and theirs) in the given revisions, in one query."""
    kinds = own_children(model)
    models = [kind.model for kind in kinds] + [grand.model for kind in kinds for grand in own_children(kind.model)]
    if not models:
        return {}
    content_types = ContentType.objects.get_for_models(*models).values()
    by_revision = {}
    for version in Version.objects.filter(revision_id__in=revision_ids, content_type__in=content_types):
        by_revision.setdefault(version.revision_id, []).append(version)
    return by_revision


class EditorialVersionAdmin(VersionAdmin):
    """A VersionAdmin whose history says what changed and whose reverts touch one item."""

    object_history_template = "admin/editorial/object_history.html"

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-editing.js"]

    # Markdown texts with a preview ------------------------------------------------

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        preview = path("preview/", self.admin_site.admin_view(self.preview_view), name=name)
        return [preview, *super().get_urls()]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_markdown(db_field):
            url = reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_preview")
            kwargs["widget"] = MarkdownTextarea(url)
            kwargs["help_text"] = markdown_help(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def preview_view(self, request):
        """The HTML readers would get for a Markdown text: the public pages' own sanitiser."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        text = request.POST.get("text", "")
        if len(text) > PREVIEW_LIMIT:
            return HttpResponseBadRequest(f"A preview takes at most {PREVIEW_LIMIT:,} characters.")
        return HttpResponse(render_markdown(text), content_type="text/html; charset=utf-8")

    # History -------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        item = self.get_object(request, unquote(object_id))
        if item is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        versions = list(
            Version.objects.get_for_object(item).select_related("revision", "revision__user").order_by("pk")
        )
        children = _children_versions(self.model, {version.revision_id for version in versions})
        names = Names()
        raw_states = [stored_state(version, children.get(version.revision_id, []), names) for version in versions]
        names.read()
        states = [as_text(state, names) for state in raw_states]
        entries = []
        for index, version in enumerate(versions):
            entries.append(
                {
                    "version": version,
                    "revision": version.revision,
                    "url": reverse(
                        f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision",
                        args=(quote(item.pk), version.pk),
                    ),
                    "first": index == 0,
                    "changes": differences(states[index - 1], states[index]) if index else [],
                }
            )
        entries.reverse()  # newest first
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {item}",
            "subtitle": None,
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": item,
            "opts": self.opts,
            "entries": entries,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    # Revert --------------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        version = version_of(self.model, version_id, object_id=object_id)
        item = self.get_object(request, object_id)
        if version is None or item is None:
            raise Http404("No such version of this item.")
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        if request.method == "POST":
            try:
                restore_version(version, request.user, comment=f"Reverted to the version saved on {_when(version)}.")
            except (RestoreRefused, IntegrityError) as refusal:
                messages.error(request, f"Nothing was changed: {_reason(refusal)}")
            else:
                messages.success(request, f"{item} is back as it was on {_when(version)}.")
                return redirect(self._change_url_name(), quote(item.pk))
        names = Names()
        now = live_state(item, names)
        then = stored_state(version, list(version.revision.version_set.all()), names)
        changes = differences(as_text(now, names), as_text(then, names))
        return self._version_page(
            request, item, version, "admin/editorial/revert.html", {"changes": changes}, extra_context
        )

    # Recover -------------------------------------------------------------------

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = version_of(self.model, version_id)
        if version is None or self.model._default_manager.filter(pk=version.object_id).exists():
            raise Http404("No deleted item of this kind has this version.")
        if request.method == "POST":
            try:
                comment = f"Recovered from the version saved on {_when(version)}."
                item = restore_version(version, request.user, comment=comment, as_draft=True)
            except (RestoreRefused, IntegrityError) as refusal:
                messages.error(request, f"Nothing was recovered: {_reason(refusal)}")
            else:
                messages.success(request, f"{item} is back, as a draft: publish it when it is ready.")
                return redirect(self._change_url_name(), quote(item.pk))
        names = Names()
        state = as_text(stored_state(version, list(version.revision.version_set.all()), names), names)
        return self._version_page(
            request,
            None,
            version,
            "admin/editorial/recover.html",
            {
                "state": [(label, text) for label, text in state.items() if text],
                "comes_back_as_draft": issubclass(self.model, Publishable),
            },
            extra_context,
        )

    def _change_url_name(self):
        return f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change"

    def _version_page(self, request, item, version, template, context, extra_context):
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "object": item,
                "version": version,
                "when": _when(version),
                "title": f"Revert {item}" if item is not None else f"Recover {version.object_repr}",
                **context,
                **(extra_context or {}),
            },
        )

    # Delete ----------------------------------------------------------------------

    def delete_view(self, request, object_id, extra_context=None):
        item = self.get_object(request, unquote(object_id))
        if item is not None and not self.has_delete_permission(request, item):
            return self.refused_delete(request, item)
        return super().delete_view(request, object_id, extra_context)

    def refused_delete(self, request, item):
        """A refused delete, answered inside the admin with what to do instead."""
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": item,
            "title": f"You may not delete {item}",
            "archivable": isinstance(item, Publishable),
            "has_change_permission": self.has_change_permission(request, item),
        }
        return TemplateResponse(request, "admin/editorial/delete_refused.html", context, status=403)


def _reason(refusal):
    if isinstance(refusal, IntegrityError):
        return "it would clash with another item as it is now (the same address or a duplicate link)."
    return str(refusal)
