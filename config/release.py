"""Which code is answering: a digest of the source, the same on every app server that runs the same code.

What outlives a worker (the shared cache's counts and pages, the unfiltered counts kept
in the database, the whole-list CSV files, the API's ETags) is kept under the content
generation and this digest: a deploy that changes what a facet counts, a label, a
translation or an export's columns never serves what the previous code made.
"""

import hashlib
from pathlib import Path

# Not code that answers a request: the tests, and what the running portal writes itself.
NOT_ANSWERING = {"tests", "var", "staticfiles", "node_modules"}
# Besides the Python packages: the templates, static sources, translations, and the packages installed.
OTHER_SOURCES = ["templates", "static", "locale", "requirements.txt"]


def code_digest(root):
    """A digest of the files the portal's answers are made from, under `root` (the project's folder)."""
    root = Path(root)
    sources = [
        *(folder for folder in sorted(root.iterdir()) if (folder / "__init__.py").exists()),
        *(root / name for name in OTHER_SOURCES),
    ]
    digest = hashlib.sha256()
    for source in sources:
        if source.name in NOT_ANSWERING or not source.exists():
            continue
        for path in sorted(source.rglob("*")) if source.is_dir() else [source]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
