"""Static files: whitenoise's compressed, hashed storage, with ES module imports hashed too."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # The diary's modules import one another ("./store.js"): rewritten to the hashed names, the
    # imports hit the files the service worker keeps offline and that browsers cache for good.
    support_js_module_import_aggregation = True
