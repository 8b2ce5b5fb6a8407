"""The one import merge every importer uses: editors' changes kept, handed back when set to the imported text."""

from editorial.imports import merge_import


def test_a_new_source_value_is_written_where_the_editor_changed_nothing():
    merge = merge_import({"title": "v1"}, {"title": "v2"}, {"title": "v1"})
    assert (merge.write, merge.kept, merge.record) == (["title"], [], {"title": "v2"})


def test_an_editors_change_is_kept_and_the_record_stays_what_the_import_wrote():
    merge = merge_import({"title": "editor"}, {"title": "v2"}, {"title": "v1"})
    assert (merge.write, merge.kept, merge.record) == ([], ["title"], {"title": "v1"})


def test_set_back_to_the_imported_text_the_field_is_the_imports_again():
    merge = merge_import({"title": "v1"}, {"title": "v2"}, {"title": "v1"})
    assert merge.write == ["title"]


def test_overwrite_replaces_an_editors_change():
    merge = merge_import({"title": "editor"}, {"title": "v2"}, {"title": "v1"}, overwrite=True)
    assert (merge.write, merge.kept, merge.record) == (["title"], [], {"title": "v2"})


def test_an_editor_who_wrote_what_the_source_now_says_moves_only_the_record():
    merge = merge_import({"title": "v2"}, {"title": "v2"}, {"title": "v1"})
    assert (merge.write, merge.kept, merge.record) == ([], [], {"title": "v2"})


def test_a_field_the_last_import_did_not_write_is_written():
    merge = merge_import({"title": "v1", "place": "typed"}, {"title": "v1", "place": "Bilbao"}, {"title": "v1"})
    assert merge.write == ["place"]
