// The diary's daily question on the home screen, at the first open after the chosen time.
// The setting lives in this browser (see the diary page); no server and no notification.
import { PROMPT_KEY } from "./keys.js";

const box = document.querySelector("[data-diary-prompt]");
let setting = null;
try {
  setting = JSON.parse(localStorage.getItem(PROMPT_KEY));
} catch {
  setting = null;
}
const now = new Date();
const pad = (value) => String(value).padStart(2, "0");
const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const time = `${pad(now.getHours())}:${pad(now.getMinutes())}`;

if (box && setting?.ask && setting.last !== day && time >= setting.time) {
  box.hidden = false;
  localStorage.setItem(PROMPT_KEY, JSON.stringify({ ...setting, last: day }));
  box.querySelector("[data-dismiss]").addEventListener("click", () => {
    box.hidden = true;
  });
}
