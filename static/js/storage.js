// The about page says how much the offline pack takes on this device (hidden without this).
const line = document.querySelector("[data-storage-use]");

async function showStorageUse() {
  const { usage, usageDetails } = await navigator.storage.estimate();
  const bytes = usageDetails?.caches ?? usage; // Chromium tells the caches apart
  const language = document.documentElement.lang;
  const unit = { style: "unit", unit: "megabyte", maximumFractionDigits: 1 };
  const size = new Intl.NumberFormat(language, unit).format(bytes / 1e6);
  line.textContent = line.dataset.template.replace("%(size)s", size);
  line.hidden = false;
}

// Once the worker has the pack (the first visit fills it), not while it is still filling.
if (line && navigator.storage?.estimate && "serviceWorker" in navigator) {
  navigator.serviceWorker.ready.then(showStorageUse);
}
