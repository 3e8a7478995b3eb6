"""Static files: whitenoise's compressed, hashed storage, with ES module imports hashed too,
and scripts shipped without their whole-line comments."""

from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage


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
