"""Publishing, the same for practices, projects and the academy: who sees what, and the admin's actions."""

from django.contrib import admin, messages
from django.http import Http404

from editorial.models import PublicationStatus
from editorial.revisions import revision_of_one


def visible_or_404(item, user):
    """`item` when `user` may see it: published, or a draft shown to those who may view it in the admin."""
    if item is None:
        raise Http404("Nothing is published at this address.")
    meta = item._meta
    if not item.is_published and not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        raise Http404("Nothing is published at this address.")
    return item


def change_status(item, status, user=None):
    """Publish, unpublish or archive one item, as a revision of that item alone."""
    with revision_of_one(user, f"Status set to {PublicationStatus(status).label.lower()}."):
        item.status = status
        item.save(update_fields=["status", "updated"])


class PublicationAdminMixin:
    """Publish, unpublish and archive actions, offered to editors allowed to publish.

    Set `publish_permission` ("app.codename"). Without it, the status is
    read-only and the actions are hidden.
    """

    publish_permission = None
    publication_actions = ("publish", "unpublish", "archive")

    def may_publish(self, request):
        return request.user.has_perm(self.publish_permission)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if self.may_publish(request) else [*readonly, "status"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.may_publish(request):
            for name in self.publication_actions:
                actions.pop(name, None)
        return actions

    @admin.action(description="Publish the selected %(verbose_name_plural)s")
    def publish(self, request, queryset):
        self.set_status(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description="Unpublish the selected %(verbose_name_plural)s (back to draft)")
    def unpublish(self, request, queryset):
        self.set_status(request, queryset, PublicationStatus.DRAFT)

    @admin.action(description="Archive the selected %(verbose_name_plural)s (kept, no longer public)")
    def archive(self, request, queryset):
        self.set_status(request, queryset, PublicationStatus.ARCHIVED)

    def changelist_view(self, request, extra_context=None):
        # django-reversion would make one revision of everything an action changes;
        # each item changed gets a revision of its own instead (change_status).
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, context)

    def set_status(self, request, queryset, status):
        changed = 0
        for item in queryset.exclude(status=status):
            change_status(item, status, request.user)
            self.log_change(request, item, f"Status set to {status}.")
            changed += 1
        noun = self.model._meta.verbose_name if changed == 1 else self.model._meta.verbose_name_plural
        self.message_user(request, f"{changed} {noun} set to {status}.", messages.SUCCESS)
