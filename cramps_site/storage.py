"""Static files: whitenoise's compressed, hashed storage, with ES module imports hashed too,
our own scripts shipped without their comments, and the pages' one stylesheet joined."""

import rjsmin
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

from guide import stylesheets

# Our scripts (static/js); admin's vendored jQuery, select2 and xregexp go out as written.
OUR_SCRIPTS = "js/"


def minified(script):
    """The script less its comments and spare whitespace.

    The comments stay in the source, where they explain the code; on the wire they were a
    quarter of every script, and the emergency screen has 14 KB for everything. rJSmin reads
    the script as a tokenizer does: strings, regular expressions and template literals (a line
    starting with "//" inside one is text) come through unchanged, and module imports keep the
    `import{…}from"./x.js";` shape that the hashed-name rewriting below matches.
    """
    return rjsmin.jsmin(script)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # The diary's modules import one another ("./store.js"): rewritten to the hashed names, the
    # imports hit the files the service worker keeps offline and that browsers cache for good.
    support_js_module_import_aggregation = True

    def _save(self, name, content):
        if name.startswith(OUR_SCRIPTS) and name.endswith(".js"):
            content.seek(0)
            content = ContentFile(minified(content.read().decode("utf-8")).encode())
        return super()._save(name, content)

    def post_process(self, paths, dry_run=False, **options):
        # The linked stylesheet (guide/stylesheets.py) is written before the hashing, so it gets
        # its content-hashed name and compressed copies like any file collectstatic found.
        if not dry_run:
            paths = {**paths, stylesheets.LINKED: self._join_stylesheet(paths)}
        yield from super().post_process(paths, dry_run=dry_run, **options)

    def _join_stylesheet(self, paths):
        sources = []
        for name in stylesheets.LINKED_SOURCES:
            storage, path = paths[name]
            with storage.open(path) as source:
                sources.append(source.read().decode("utf-8"))
        if self.exists(stylesheets.LINKED):
            self.delete(stylesheets.LINKED)
        self._save(stylesheets.LINKED, ContentFile(stylesheets.joined(sources).encode()))
        return self, stylesheets.LINKED
