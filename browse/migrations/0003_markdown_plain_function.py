"""markdown_plain(text): the portal's Markdown as plain text, in SQL, for exports and snippets.

The Markdown editors and imports write (Python-Markdown with "tables" and
"sane_lists") turned into the words a reader sees, so a spreadsheet cell reads
as text: a link "[label](url)" becomes "label (url)" (its address alone when
the label is the address), "<url>" the address, headings, emphasis, table
rules and backslash escapes go, a bullet becomes "• " (nothing when the item
numbers itself: "- a) …" is "a) …"). IMMUTABLE, so generated columns can be
made of it: no write path can leave such a column stale.
"""

from django.db import migrations

CREATE_FUNCTION = r"""
CREATE FUNCTION markdown_plain(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
SELECT btrim(
  regexp_replace(                                                   -- at most one blank line
  regexp_replace(                                                   -- backslash escapes
  regexp_replace(                                                   -- *emphasis*
  regexp_replace(                                                   -- **strong**
  regexp_replace(                                                   -- table cells' edges
  regexp_replace(                                                   -- (an empty first cell)
  regexp_replace(
  regexp_replace(                                                   -- table rules
  regexp_replace(                                                   -- other bullets
  regexp_replace(                                                   -- bullets of self-numbered items
  regexp_replace(                                                   -- headings
  regexp_replace(                                                   -- <address>
  regexp_replace(                                                   -- [label](address)
  regexp_replace(                                                   -- [www.x](https://www.x)
  regexp_replace(                                                   -- [address](address)
    replace(value, E'\r\n', E'\n'),
    '\[(https?://[^\]\s]*)\]\(\1\)', '\1', 'g'),
    '\[(www\.[^\]\s]*)\]\(https?://\1\)', '\1', 'g'),
    '\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)', '\1 (\2)', 'g'),
    '<(https?://[^>\s]+)>', '\1', 'g'),
    '(^|\n)[ \t]{0,3}#{1,6}[ \t]+', '\1', 'g'),
    '(^|\n)([ \t]*)[-*+][ \t]+(\d{1,3}\\?[.)]|[A-Za-z]\\?\.[ \t]|[A-Za-z]{1,3}\))', '\1\2\3', 'g'),
    '(^|\n)([ \t]*)[-*+][ \t]+', '\1\2• ', 'g'),
    '\n\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*(?=\n|$)', '', 'g'),
    '(^|\n)\|[ \t]*', '\1', 'g'),
    '(^|\n)\|', '\1 |', 'g'),
    '[ \t]*\|[ \t]*(\n|$)', '\1', 'g'),
    '\*\*([^*\n]+?)\*\*', '\1', 'g'),
    '(^|[^\w*\\])\*([^*\s][^*\n]*?)\*(?![\w*])', '\1\2', 'g'),
    '\\([\\`*_{}\[\]()#+.!$|-])', '\1', 'g'),
    '\n{3,}', E'\n\n', 'g')
)
$fn$;
"""


class Migration(migrations.Migration):
    dependencies = [("browse", "0002_generation_token_and_time")]

    operations = [migrations.RunSQL(CREATE_FUNCTION, "DROP FUNCTION markdown_plain(text);")]
