"""Scripts as collectstatic ships them (cramps_site/storage.py): ours without comments, others
as is.

Comments stay in static/js, where they explain the code; on the wire they were a quarter of
every script. What takes them out must read JavaScript as a browser does: a line that starts
with "//" inside a template literal is text, and vendored files are not ours to rewrite.
"""

import posixpath
import re
from pathlib import Path

import django
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile

from cramps_site.storage import StaticFilesStorage

OURS = """\
// A comment that goes.
const help = `Call for help:
// this line is text, shown to the user
${number}`;
const path = "//not-a-comment"; /* neither goes */ export { help, path };
"""


def shipped(tmp_path, name, source):
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    storage._save(name, ContentFile(source.encode()))
    return (tmp_path / name).read_text(encoding="utf-8")


def test_our_scripts_lose_their_comments_and_keep_every_line_of_a_template_literal(tmp_path):
    script = shipped(tmp_path, "js/probe.js", OURS)
    assert "`Call for help:\n// this line is text, shown to the user\n${number}`" in script
    assert '"//not-a-comment"' in script
    assert "A comment that goes" not in script
    assert "neither goes" not in script


def test_vendored_scripts_are_shipped_as_their_authors_wrote_them(tmp_path):
    admin = Path(django.__file__).parent / "contrib" / "admin" / "static"
    names = ["admin/js/vendor/jquery/jquery.js", "admin/js/vendor/xregexp/xregexp.js"]
    names += ["admin/js/core.js"]
    for name in names:
        original = (admin / name).read_text(encoding="utf-8")
        assert shipped(tmp_path, name, original) == original, name


IMPORT = re.compile(r'\bimport\b[^;"(]*?\bfrom\s*"([^"]+)";|\bimport\("([^"]+)"\)')


def test_every_import_of_the_shipped_scripts_names_a_hashed_file():
    # Offline, an import of an unhashed name misses the worker's cache: the button does nothing.
    stored = {staticfiles_storage.stored_name(name) for name in staticfiles_storage.hashed_files}
    found = 0
    for name in staticfiles_storage.hashed_files:
        if not (name.startswith("js/") and name.endswith(".js")):
            continue
        shipped_as = staticfiles_storage.stored_name(name)
        source = Path(staticfiles_storage.path(shipped_as)).read_text(encoding="utf-8")
        for match in IMPORT.finditer(source):
            imported = match[1] or match[2]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), imported))
            assert target in stored, f"{name} imports {target}, which is not a hashed file"
            found += 1
    assert found >= 25
