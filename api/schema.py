"""The OpenAPI description of each list's parameters, read from the FilterSet that validates them.

So the schema cannot drift from the validation: a filter added to a list's
FilterSet is documented here with its type, its bounds, its choices and
whether it repeats.
"""

from django import forms
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

from api.cursors import MAX_CURSOR_LENGTH

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# Words for the filters whose values come from the data (the vocabulary endpoint lists them).
VALUE_HINTS = {
    "country": "ISO 3166-1 alpha-2 code, in any case (`ES`, `es`).",
    "q": "Words to search for; the last one matches as a prefix.",
}


class ErrorsSerializer(serializers.Serializer):
    errors = serializers.ListField(child=serializers.CharField(), help_text="What went wrong, in words.")


def field_schema(field):
    """A JSON schema for the values a form field accepts."""
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return {"type": "string", "enum": [str(value) for value, _ in field.choices if value != ""]}
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def list_parameters(listing):
    """Every parameter a list takes: its FilterSet's filters and `sort`, and the API's `cursor` and `page_size`."""
    form = listing.filterset(None).form
    parameters = []
    for name, field in form.fields.items():
        if name == "page":
            continue
        many = isinstance(field, forms.ModelMultipleChoiceField)
        description = " ".join(
            part for part in (str(field.label or name.capitalize()) + ".", VALUE_HINTS.get(name)) if part
        )
        if many:
            description += " Repeat it for several values: any of them matches."
        values = {"type": "array", "items": field_schema(field)} if many else field_schema(field)
        parameters.append(OpenApiParameter(name, type=values, description=description,
                                           style="form" if many else None, explode=True if many else None))  # fmt: skip
    parameters += [
        OpenApiParameter("cursor", type={"type": "string", "maxLength": MAX_CURSOR_LENGTH},
                         description="Where a page starts: take it from the previous answer's `next` link."),
        OpenApiParameter("page_size", type={"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                         description=f"Items per page, {DEFAULT_PAGE_SIZE} unless told."),
    ]  # fmt: skip
    return parameters + CONDITIONAL_HEADERS


CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", location=OpenApiParameter.HEADER,
                     description="An ETag of an earlier answer: 304 Not Modified while it is current."),
    OpenApiParameter("If-Modified-Since", location=OpenApiParameter.HEADER,
                     description="The Last-Modified of an earlier answer: 304 Not Modified while it is current."),
]  # fmt: skip

VALIDATORS = [
    OpenApiParameter("ETag", location=OpenApiParameter.HEADER, response=[200, 304], required=True,
                     description="Changes with any write to the content and with the day."),
    OpenApiParameter("Last-Modified", location=OpenApiParameter.HEADER, response=[200, 304], required=True,
                     description="When the content last changed (or midnight, for today's statuses)."),
    OpenApiParameter("Retry-After", location=OpenApiParameter.HEADER, response=[429], required=True,
                     type=int, description="Seconds to wait before asking again."),
]  # fmt: skip


def answers(serializer, *, not_found=False):
    """The answers an endpoint gives: its representation, 304, and errors as {"errors": [...]}."""
    responses = {
        200: serializer,
        304: OpenApiResponse(
            description="Not modified: the client's copy (If-None-Match, If-Modified-Since) is current."
        ),
        400: OpenApiResponse(ErrorsSerializer, description="A parameter is invalid: each problem in words."),
        429: OpenApiResponse(ErrorsSerializer, description="Too many requests from this address: see Retry-After."),
    }
    if not_found:
        responses[404] = OpenApiResponse(ErrorsSerializer, description="No published item has this address.")
    return responses


def vocabulary_list(filter_name, *fields):
    """The schema of a list of vocabulary terms, each with these fields (strings)."""
    return inline_serializer(
        f"{filter_name.capitalize()}Term",
        fields={
            name: serializers.CharField(help_text=f"What the `{filter_name}` filter takes." if name in KEYS else "")
            for name in fields
        },
        many=True,
    )


KEYS = {"slug", "code", "value"}
