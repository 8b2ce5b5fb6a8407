"""A result line's excerpt: the first words of a text as plain text, read from its first paragraphs only."""

from editorial.markdown import EXCERPT_CHARACTERS, excerpt, markdown_to_plain_text


def whole_text_excerpt(text, words):
    parts = markdown_to_plain_text(text).split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


PARAGRAPHS = [
    "The [anti-rumours strategy](https://example.org/rumours) trains *agents* who answer rumours.",
    "1. Training\n2. Campaigns\n\n3. Evaluation",
    "Short.",
    "A long paragraph " + "with many words " * 80,
    "- a list\n- of **items**",
]


def test_an_excerpt_is_the_first_words_of_the_whole_text():
    for first in range(len(PARAGRAPHS)):
        text = "\n\n".join(PARAGRAPHS[first:] + PARAGRAPHS[:first])
        assert len(text) > EXCERPT_CHARACTERS
        for words in (5, 12, 40, 200):
            assert excerpt(text, words) == whole_text_excerpt(text, words), (first, words)


def test_a_short_text_past_its_first_paragraphs_is_read_whole():
    text = "Intro " * 120 + "\n\n" + "More words here."
    assert excerpt(text, 200) == whole_text_excerpt(text, 200)
    assert excerpt(text, 200).endswith("More words here.")
    assert excerpt("", 40) == ""
