"""Export columns: SQL expressions over a row, one definition for every format (CSV, spreadsheet, …).

An export's columns are `[(header, SQL expression)]`. Most are text; a
`DateText` column is ISO text for the CSV and still carries its date field
and display format, so the spreadsheet writer selects the date itself.

Labels are written in the page's language under the same column names: a
label column maps its slug or code to the language's label in SQL
(`label_in_language`, `names_in_language`: a JSON object of the language's
labels, given as one parameter), so PostgreSQL still writes every cell. On
English pages the expressions are the stored names, unchanged.
"""

import json

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db.models import Case, CharField, F, Func, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils.translation import pgettext

from vocabulary.names import ENGLISH, page_language, term_labels

MULTI_VALUE_SEPARATOR = "; "


class DateText(Func):
    """A date field as ISO text (`to_char`), remembering the field and how a spreadsheet should show it."""

    function = "to_char"
    output_field = TextField()

    def __init__(self, date_field, pattern, spreadsheet_format):
        super().__init__(F(date_field), Value(pattern))
        self.date_field = date_field
        self.pattern = pattern
        self.spreadsheet_format = spreadsheet_format


def iso_month(date_field):
    """`YYYY-MM` in the CSV, a date shown as yyyy-mm in a spreadsheet."""
    return DateText(date_field, "YYYY-MM", "yyyy-mm")


def iso_day(date_field):
    """`YYYY-MM-DD` in the CSV, a date shown as yyyy-mm-dd in a spreadsheet."""
    return DateText(date_field, "YYYY-MM-DD", "yyyy-mm-dd")


def joined(array, separator=MULTI_VALUE_SEPARATOR):
    """A list (SQL array) as one text: items joined with `separator`, empty items left out."""
    without_empty = Func(array, Value(""), function="array_remove")
    return Func(without_empty, Value(separator), function="array_to_string", output_field=TextField())


def sorted_names(links, name_field, terms=None):
    """The names `links` (rows filtered on the outer row) lead to, sorted, as one cell.

    `terms`: the vocabulary model (a `VocabularyTerm`) the names are of, to write them in the page's language.
    """
    names = ArraySubquery(links.order_by(name_field).values(name_field))
    return joined(names_in_language(names, terms) if terms else names)


def _labels_json(labels):
    return Value(json.dumps({str(key): str(label) for key, label in labels.items()}, ensure_ascii=False))


def label_in_language(key, labels, default=None):
    """The label of each row's `key` (a slug, a code, a choice's value) in the page's language.

    `labels`: {key: label} in the page's language (`term_labels`, `country_labels`, a model's choices);
    a key it lacks keeps `default` (the stored name; the key itself when None). English pages keep `default`.
    """
    default = key if default is None else default
    if page_language() == ENGLISH or not labels:
        return default
    label = Func(_labels_json(labels), Cast(key, TextField()), template="(%(expressions)s)", arg_joiner="::jsonb ->> ")
    return Coalesce(label, default, output_field=TextField())


class _NamesInLanguage(Func):
    """Each name of an array of a vocabulary's names in the page's language, sorted as a dictionary sorts
    (ICU's root collation: "Éducation" before "Jeunesse", where the database's own order puts it last)."""

    output_field = ArrayField(TextField())

    def __init__(self, names, terms, labels):
        super().__init__(names, _labels_json(labels))
        self.table = terms._meta.db_table

    def as_sql(self, compiler, connection, **extra_context):
        (names, names_params), (labels, labels_params) = map(compiler.compile, self.get_source_expressions())
        table = connection.ops.quote_name(self.table)
        # The table is the model's, quoted; the labels and names are parameters.
        sql = (
            f"ARRAY(SELECT label FROM (SELECT COALESCE(({labels})::jsonb ->> term.slug, listed.name) AS label "  # noqa: S608
            f"FROM unnest({names}) AS listed(name) LEFT JOIN {table} AS term ON term.name = listed.name) AS labelled "
            'ORDER BY label COLLATE "und-x-icu")'
        )
        return sql, (*labels_params, *names_params)


def names_in_language(names, terms):
    """`names` (an SQL array of the stored names of the vocabulary model `terms`) in the page's language, sorted.

    A name is found by its term (names are unique) and labelled by the term's slug; English pages keep `names`.
    """
    labels = term_labels(terms.vocabulary_kind)
    if page_language() == ENGLISH or not labels:
        return names
    return _NamesInLanguage(names, terms, labels)


def yes_no(condition_field):
    """ "yes", "no" (in the page's language), or an empty cell when a nullable field is unknown."""
    return Case(
        When(**{condition_field: True}, then=Value(pgettext("an export's cell", "yes"))),
        When(**{condition_field: False}, then=Value(pgettext("an export's cell", "no"))),
        default=None,
        output_field=TextField(),
    )


def absolute_url(request, viewname, *slug_fields):
    """The absolute URL of each row's page, built in SQL from the slug fields that are the view's arguments."""
    placeholders = [f"SLUG{index}PLACE" for index in range(len(slug_fields))]
    address = request.build_absolute_uri(reverse(viewname, args=placeholders))
    parts = []
    for placeholder, slug_field in zip(placeholders, slug_fields, strict=True):
        before, address = address.split(placeholder)
        parts += [Value(before), F(slug_field)]
    return Concat(*parts, Value(address), output_field=CharField())
