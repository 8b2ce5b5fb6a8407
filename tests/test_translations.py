"""The French catalogue: every interface string has a French translation, and the catalogue compiles.

The strings are extracted as a translator would (makemessages, over a copy of
the sources, so the committed catalogue is never touched), merged into a copy
of the committed catalogue: a string marked for translation since, or changed,
shows up empty or fuzzy there, and fails the test by name. `make test` installs
Debian's gettext, which makemessages and msgfmt need.
"""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES"
# What makemessages reads: everything but the tests, the benchmarks and what is not ours.
NOT_SOURCES = {".git", ".venv", "var", "staticfiles", "tests", "bench", "locale", "node_modules", "test-artifacts"}

needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgfmt") is None,
    reason="Debian's gettext is needed (make test installs it)",
)


def untranslated(po_path):
    with open(po_path, "rb") as po:
        catalogue = read_po(po)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    return problems


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """A copy of the sources with the committed catalogue, after makemessages has merged what they mark today."""
    copy = tmp_path_factory.mktemp("sources")
    base = Path(settings.BASE_DIR)
    for entry in base.iterdir():
        if entry.name in NOT_SOURCES or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, copy / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, copy / entry.name)
    shutil.copytree(CATALOGUE.parent.parent, copy / "locale")
    here = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["fr"], no_location=True, no_obsolete=True, verbosity=0)
    finally:
        os.chdir(here)
    return copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@needs_gettext
def test_every_interface_string_has_a_french_translation(extracted):
    with open(extracted, "rb") as po:
        assert len(list(read_po(po))) > 600  # positive control: the extraction found the interface's strings
    assert untranslated(extracted) == []


@needs_gettext
def test_the_committed_catalogue_holds_what_the_sources_mark(extracted):
    """Nothing the sources no longer mark lingers, and nothing they mark is missing (run makemessages)."""
    with open(extracted, "rb") as po:
        wanted = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(po)}
    with open(CATALOGUE / "django.po", "rb") as po:
        committed = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(po)}
    assert committed == wanted


@needs_gettext
def test_the_catalogue_compiles_with_its_formats_checked(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(CATALOGUE / "django.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_committed_compiled_catalogue_is_the_catalogue():
    """The .mo the portal reads says what the .po says (compile it again after any change: see README)."""
    with open(CATALOGUE / "django.po", "rb") as po:
        catalogue = read_po(po)
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert compiled.gettext("Good practices") == "Bonnes pratiques"  # positive control
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for n, form in ((1, 0), (2, 1)):
                if message.context:
                    translated = compiled.npgettext(message.context, message.id[0], message.id[1], n)
                else:
                    translated = compiled.ngettext(message.id[0], message.id[1], n)
                assert translated == message.string[form], message.id
        elif message.context:  # the same words, translated apart in another context ("yes" in an export's cell)
            assert compiled.pgettext(message.context, message.id) == message.string, (message.context, message.id)
        else:
            assert compiled.gettext(message.id) == message.string, message.id
