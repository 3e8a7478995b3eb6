// Registers the service worker, offers "new version ready", the install button, and says when
// the app is ready offline; asks to keep the offline pack once the app is installed. Every part
// is optional: the pages work without any of it.
// A module script has no document.currentScript: find our tag by its data attribute.
const script = document.querySelector("script[data-worker]");
const workerUrl = script.dataset.worker;
const language = document.documentElement.lang;
const status = document.querySelector("[data-offline-status]");

function say(text) {
  if (status) status.textContent = text;
}

async function askWorker(message) {
  // The worker answers { ok, result } on a port of its own (see serviceworker.js).
  const { active } = await navigator.serviceWorker.ready;
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  active.postMessage(message, [channel.port2]);
  return answer;
}

function keepStorage() {
  // Asks the browser never to evict the offline pack (it may say no).
  navigator.storage?.persist?.().catch(() => {});
}

let userAskedForReload = false;

function offerUpdate(registration) {
  // Only when a worker already serves this page: the very first install needs no prompt.
  const prompt = document.querySelector("[data-update-prompt]");
  if (!prompt || !registration.waiting || !navigator.serviceWorker.controller) return;
  prompt.hidden = false;
  prompt.querySelector("button").onclick = () => {
    userAskedForReload = true;
    registration.waiting.postMessage({ type: "skip-waiting" });
  };
}

async function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.register(workerUrl, { scope: "/" });
  offerUpdate(registration);
  registration.addEventListener("updatefound", () => {
    const incoming = registration.installing;
    incoming?.addEventListener("statechange", () => {
      if (incoming.state === "installed") offerUpdate(registration);
    });
  });
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // The first worker claiming the page is no reason to reload; a chosen update is.
    if (userAskedForReload) location.reload();
  });
  // A long-open app looks for a new version whenever it comes back to the screen.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") registration.update().catch(() => {});
  });
  // The worker caches this language's pages (a no-op when they are already cached).
  const { ok } = await askWorker({ type: "keep-language", language });
  if (ok && status) say(status.dataset.readyText || "");
}

function offerInstall() {
  const button = document.querySelector("[data-install-button]");
  if (!button) return;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    button.hidden = false;
    button.addEventListener(
      "click",
      async () => {
        button.hidden = true;
        await event.prompt();
      },
      { once: true },
    );
  });
  // iOS Safari has no install prompt; it exposes navigator.standalone instead.
  const instructions = document.querySelector("[data-ios-instructions]");
  if (instructions && "standalone" in navigator && !navigator.standalone) instructions.hidden = false;
  window.addEventListener("appinstalled", keepStorage);
  if (matchMedia("(display-mode: standalone)").matches || navigator.standalone) {
    document.querySelector("[data-install]")?.setAttribute("hidden", "");
    keepStorage();
  }
}

function rememberLanguageChoice() {
  // A cookie set here, never by the server, so pages stay cacheable; "/" then opens this language.
  document.querySelectorAll("a[data-language]").forEach((link) => {
    link.addEventListener("click", () => {
      document.cookie = `django_language=${link.dataset.language}; path=/; max-age=31536000; SameSite=Lax`;
    });
  });
}

rememberLanguageChoice();
offerInstall();
// A frame, then a task: the worker's registration waits until the page has painted.
requestAnimationFrame(() => setTimeout(() => registerWorker().catch(() => say(""))));
