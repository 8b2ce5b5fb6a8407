"""What changed between two versions of a submission, word by word."""

from contributions.changes import as_text, changes_between, word_diff


def test_a_rewritten_sentence_is_one_removal_and_one_addition():
    assert word_diff("300 newcomers took part.", "2020: 120 newcomers. 2021: 180 newcomers.") == [
        ("removed", "300 newcomers took part."),
        ("added", "2020: 120 newcomers. 2021: 180 newcomers."),
    ]


def test_words_in_common_stay_and_only_the_changed_ones_are_marked():
    assert word_diff("Volunteers host a circle each month.", "Volunteers host two circles each month.") == [
        ("same", "Volunteers host "),
        ("removed", "a circle"),
        ("added", "two circles"),
        ("same", " each month."),
    ]


def test_pieces_put_together_give_both_texts_back():
    before, after = "A  b\nc d e f.", "A b\nc x e f g."
    pieces = word_diff(before, after)
    assert "".join(text for kind, text in pieces if kind != "added") == before
    assert "".join(text for kind, text in pieces if kind != "removed") == after


def test_only_fields_that_differ_are_changes():
    before = {"title": "Circles", "areas": ["Education"], "references": [["Report", "https://a.example"]]}
    after = {"title": "Circles", "areas": ["Education", "Youth"], "references": [["Report", "https://a.example"]]}
    changes = changes_between(before, after)
    assert list(changes) == ["areas"]
    assert (changes["areas"].label, changes["areas"].before, changes["areas"].after) == (
        "areas of intervention", "Education", "Education, Youth",
    )  # fmt: skip
    assert as_text([["Report", "https://a.example"], ["", "https://b.example"]]) == (
        "Report — https://a.example\nhttps://b.example"
    )
