"""A list's CSV export described as a Frictionless data package (https://specs.frictionlessdata.io/).

`datapackage.json` beside an export names the CSV it describes (the same
filters), how it is written (UTF-8 with a byte-order mark, comma-separated,
lines ending in LF, a header row), each column with its description from the
list's data dictionary and its type, where the data comes from, the filters in
force in words and when the description was made, all in the page's language,
which is the language of the CSV's labels (browse/columns.py). It reads nothing
from the database: the types come from the columns' SQL expressions.
"""

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from browse.columns import DateText

# Frictionless field types of the model fields an export column may end in; any other is a string.
FIELD_TYPES = {
    "IntegerField": "integer",
    "SmallIntegerField": "integer",
    "BigIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "PositiveBigIntegerField": "integer",
    "BooleanField": "boolean",
    "DateField": "date",
}
DATE_TEXT_TYPES = {"YYYY-MM": "yearmonth", "YYYY-MM-DD": "date"}

# What the sources say about reuse: none of them states a licence.
RIGHTS = gettext_lazy(
    "The sources state no licence for reuse of their content. Practices are published as received from their "
    "contributors in the Council of Europe's compendium."
)
# The language of the cells that are labels rather than content, said in that language.
LABELS = gettext_lazy(
    "Labels (countries, themes, areas, types, levels, statuses, formats, yes and no) are written in English; "
    "column names are the same in every language."
)


def field_type(expression, query):
    """The Frictionless type of an export column's values, from its SQL expression."""
    if isinstance(expression, DateText):
        return DATE_TEXT_TYPES.get(expression.pattern, "string")
    resolved = expression.resolve_expression(query.clone(), allow_joins=True)
    return FIELD_TYPES.get(resolved.output_field.get_internal_type(), "string")


def data_package(*, listing, name, columns, query, csv_url, list_url, filters):
    """The data package (a dict, ready for JSON) of one export.

    columns: the export's [(header, SQL expression)]; query: the export items' SQL query (for the types);
    csv_url, list_url: absolute addresses of the CSV and of the list, with the filters; filters: the filters
    in force, [(label, value in words)].
    """
    descriptions = dict(listing.export_dictionary)
    fields = [
        {"name": header, "type": field_type(expression, query), "description": descriptions.get(header, "")}
        for header, expression in columns
    ]
    noun, plural = listing.export_noun or listing.noun, listing.export_plural or listing.plural
    in_words = "; ".join(gettext("%(filter)s: %(value)s") % {"filter": label, "value": text} for label, text in filters)
    words = {"title": listing.title, "plural": plural, "noun": noun, "filters": in_words}
    title = gettext("%(title)s: the %(plural)s as CSV") % words + (f" ({in_words})" if in_words else "")
    if in_words:
        description = gettext(
            "The %(plural)s of the Intercultural Compendium portal (%(title)s), filtered by %(filters)s, "
            "one row per %(noun)s."
        )
    else:
        description = gettext(
            "The %(plural)s of the Intercultural Compendium portal (%(title)s), all of them, one row per %(noun)s."
        )
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": f"{description % words} {LABELS} {RIGHTS}",
        "homepage": list_url,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "sources": [{"title": title_, **({"path": path} if path else {})} for title_, path in listing.sources],
        "filters": [{"filter": label, "value": text} for label, text in filters],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": name,
                "path": csv_url,
                "format": "csv",
                "mediatype": "text/csv",
                # UTF-8 starting with a byte-order mark (Python's "utf-8-sig" reads it as such).
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True},
                "schema": {"fields": fields, "missingValues": [""]},
            }
        ],
    }
