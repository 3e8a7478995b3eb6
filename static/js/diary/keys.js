// The names the diary's scripts use in the browser's session and local storage.
// A cramp to log, handed from an emergency screen to the form (sessionStorage, this tab only).
export const DRAFT_KEY = "cramp-aid-diary-draft";
// The entry "Change" opened in the form (sessionStorage).
export const EDIT_KEY = "cramp-aid-diary-edit";
// A message for the diary page after the form saved (sessionStorage).
export const FLASH_KEY = "cramp-aid-diary-flash";
// The daily question's setting: {ask, time, last} (localStorage; the diary itself is in IndexedDB).
export const PROMPT_KEY = "cramp-aid-diary-prompt";
