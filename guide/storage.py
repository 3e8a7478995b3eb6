"""Static files: whitenoise's compressed, hashed storage, with ES module imports hashed too,
scripts shipped without their whole-line comments, and the pages' one stylesheet joined."""

from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

from . import stylesheets


def without_comment_lines(script):
    """The script less every line that is only a // comment.

    The comments stay in the source, where they explain the code; on the wire they were a
    quarter of every script, and the emergency screen has 14 KB for everything. Only whole
    lines go: a "//" inside a string or after code is never touched.
    """
    return "".join(
        line for line in script.splitlines(keepends=True) if not line.lstrip().startswith("//")
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # The diary's modules import one another ("./store.js"): rewritten to the hashed names, the
    # imports hit the files the service worker keeps offline and that browsers cache for good.
    support_js_module_import_aggregation = True

    def _save(self, name, content):
        if name.endswith(".js"):
            content.seek(0)
            content = ContentFile(without_comment_lines(content.read().decode("utf-8")).encode())
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
