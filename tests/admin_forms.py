"""Submitting an admin change form as a browser would."""


def submitted_form(page):
    """The POST data a browser would send for an admin change form as rendered (fields and inlines)."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += list(formset.forms)
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            if name == "tags":
                value = field.widget.format_value(value) or ""
            elif isinstance(value, (list, tuple)):
                value = [getattr(v, "pk", v) for v in value]
            elif hasattr(value, "pk"):
                value = value.pk
            data[form.add_prefix(name)] = value
    return data
