// The diary's storage: one IndexedDB database on this phone, its schema built by migrations.
// Nothing in the diary talks to the network; a failed write rejects, and the page says so.
const NAME = "cramp-aid-diary";
// Migration i takes the database from version i to i + 1. Never change a released one: add one.
const MIGRATIONS = [
  (db) => {
    db.createObjectStore("entries", { keyPath: "id" }).createIndex("at", "at");
    db.createObjectStore("settings", { keyPath: "key" });
  },
];
export const SCHEMA_VERSION = MIGRATIONS.length;

let opening = null;

export function open() {
  opening ??= new Promise((resolve, reject) => {
    if (!("indexedDB" in window)) throw new Error("IndexedDB is missing");
    const request = indexedDB.open(NAME, SCHEMA_VERSION);
    request.onupgradeneeded = (event) => {
      for (let version = event.oldVersion; version < SCHEMA_VERSION; version++) {
        MIGRATIONS[version](request.result, request.transaction);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab with a newer version of the app needs the database: let it upgrade.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

function finished(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error || new DOMException("Aborted", "AbortError"));
  });
}

function answer(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function read(storeName, work) {
  const transaction = (await open()).transaction(storeName, "readonly");
  return answer(work(transaction.objectStore(storeName)));
}

async function write(storeNames, work) {
  const transaction = (await open()).transaction(storeNames, "readwrite");
  const outcome = work(transaction);
  await finished(transaction);
  return outcome;
}

// The latest first; the same time, by id. Sorted here, not by the "at" index: a damaged record
// whose time is no valid key is missing from the index, yet must be listed to be deleted.
const order = (entry) => `${typeof entry.at === "string" ? entry.at : ""}\u0000${String(entry.id)}`;

/** Every entry, the latest first, as stored: the pages check each (entry.js) before use. */
export async function entries() {
  const all = await read("entries", (store) => store.getAll());
  return all.sort((a, b) => (order(a) < order(b) ? 1 : order(a) > order(b) ? -1 : 0));
}

export function entry(id) {
  return read("entries", (store) => store.get(id));
}

/** Saves an entry; resolves to true when it is the diary's first. */
export async function saveEntry(value) {
  let first = false;
  await write(["entries"], (transaction) => {
    const store = transaction.objectStore("entries");
    store.count().onsuccess = (event) => {
      first = event.target.result === 0;
      store.put({ ...value, updated: new Date().toISOString() });
    };
  });
  return first;
}

export function deleteEntry(id) {
  return write(["entries"], (transaction) => transaction.objectStore("entries").delete(id));
}

export async function setting(key) {
  return (await read("settings", (store) => store.get(key)))?.value ?? null;
}

export function saveSetting(key, value) {
  return write(["settings"], (transaction) => transaction.objectStore("settings").put({ key, value }));
}

// When a record was last changed; none, or one that is no time, counts as the oldest.
function changedAt(record) {
  const time = Date.parse(record?.updated ?? "");
  return Number.isNaN(time) ? -Infinity : time;
}

/** One entry per id, the latest edit of each (a file may hold an id twice). */
function latestOfEach(entries) {
  const latest = new Map();
  for (const item of entries) {
    if (!latest.has(item.id) || changedAt(item) > changedAt(latest.get(item.id))) latest.set(item.id, item);
  }
  return [...latest.values()];
}

/**
 * Adds imported entries and context in one transaction: all or nothing. An entry already here
 * (same id) is replaced only by a newer edit of itself.
 */
export async function merge(incoming, context) {
  const counts = { added: 0, updated: 0, same: 0 };
  await write(["entries", "settings"], (transaction) => {
    const store = transaction.objectStore("entries");
    // Every get is asked before any put lands: an id twice would be "new" twice.
    for (const item of latestOfEach(incoming)) {
      store.get(item.id).onsuccess = (event) => {
        const here = event.target.result;
        if (!here) counts.added += 1;
        else if (changedAt(item) > changedAt(here)) counts.updated += 1;
        else return void (counts.same += 1);
        store.put(item);
      };
    }
    if (context) {
      const settings = transaction.objectStore("settings");
      settings.get("context").onsuccess = (event) => {
        const here = event.target.result?.value;
        if (!here || changedAt(context) > changedAt(here)) {
          settings.put({ key: "context", value: context });
        }
      };
    }
  });
  return counts;
}

export function clear() {
  return write(["entries", "settings"], (transaction) => {
    transaction.objectStore("entries").clear();
    transaction.objectStore("settings").clear();
  });
}

/** Asks the browser not to clear the diary under storage pressure (once, at the first entry). */
export async function keep() {
  if (!navigator.storage?.persist || (await navigator.storage.persisted())) return;
  await navigator.storage.persist();
}
