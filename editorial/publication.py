"""Publishing in the admin, the same for practices, projects and the academy."""

from django.contrib import admin, messages

from vocabulary.models import PublicationStatus


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

    def set_status(self, request, queryset, status):
        changed = 0
        for item in queryset.exclude(status=status):
            item.status = status
            item.save(update_fields=["status", "updated"])
            self.log_change(request, item, f"Status set to {status}.")
            changed += 1
        if changed:
            self.status_changed()
        noun = self.model._meta.verbose_name if changed == 1 else self.model._meta.verbose_name_plural
        self.message_user(request, f"{changed} {noun} set to {status}.", messages.SUCCESS)

    def status_changed(self):
        """Called after any status change: retire what was derived from the old statuses."""
