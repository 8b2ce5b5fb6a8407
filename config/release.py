"""Which code is answering: a digest of the source, the same on every app server that runs the same code.

What outlives a worker (the shared cache's counts and pages, the unfiltered counts kept
in the database, the whole-list CSV files, the API's ETags) is kept under the content
generation and this digest: a deploy that changes what a facet counts, a label, a
translation or an export's columns never serves what the previous code made.
"""

import hashlib
from pathlib import Path

# Besides the Python packages: the templates, static sources, translations, the data files read while
# answering (fixtures/: the French vocabulary, the map's places) and the packages installed.
OTHER_SOURCES = ["templates", "static", "locale", "fixtures", "requirements.txt"]
# Packages that answer no request: the tests, and the benchmark (which writes its results beside its code).
NOT_ANSWERING = {"tests", "bench"}
# What a source file may be: an editor's backup, a patch's leftovers or a compiled file is not one.
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".json", ".po", ".mo", ".css", ".js", ".svg"}


def code_digest(root):
    """A digest of the files the portal's answers are made from, under `root` (the project's folder): their
    paths and contents, nothing of where the folder is, when the files were written or who owns them."""
    root = Path(root)
    digest = hashlib.sha256()
    for path in _sources(root):
        try:
            content = path.read_bytes()
        except OSError:
            continue  # removed while the digest is made, or unreadable: not code this process runs
        digest.update(f"{path.relative_to(root).as_posix()}\0{hashlib.sha256(content).hexdigest()}\n".encode())
    return digest.hexdigest()[:16]


def _sources(root):
    packages = [path for path in root.iterdir() if (path / "__init__.py").exists() and path.name not in NOT_ANSWERING]
    for source in sorted([*packages, *(root / name for name in OTHER_SOURCES)]):
        for path in sorted(source.rglob("*")) if source.is_dir() else [source]:
            hidden = any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(root).parts)
            if path.suffix in SOURCE_SUFFIXES and not hidden and path.is_file():
                yield path
