// Hold timers for stretch steps: a visible count-down, a vibration and an optional spoken cue
// at the end, the screen kept awake while it runs. Each extra is skipped where unsupported.
// Nothing runs before the steps are on screen: the timers join them a frame later.
import { fill, keepAwake, read, VENUE_KEY } from "./app.js";

const speakToggle = document.querySelector("[data-speak-toggle]");
const language = document.documentElement.lang;
const SPEAK_KEY = "cramp-aid-speak";
let speech = null; // window.speechSynthesis, touched only after the first paint

function speakingWanted() {
  return Boolean(speech && speakToggle && speakToggle.querySelector("input").checked);
}

function speak(text) {
  if (!speakingWanted()) return;
  speech.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language;
  const voice = speech.getVoices().find((v) => v.lang.toLowerCase().startsWith(language));
  if (voice) utterance.voice = voice;
  speech.speak(utterance);
}

function setUp(box) {
  const seconds = Number(box.dataset.holdSeconds);
  const step = box.closest(".step");
  // The count itself is not announced every second (role=timer); the end is (role=status).
  const output = document.createElement("output");
  output.setAttribute("role", "timer");
  output.textContent = String(seconds);
  const note = document.createElement("p");
  note.setAttribute("role", "status");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "primary";
  button.textContent = box.dataset.startText;
  box.append(output, button, note);

  let timer = null;
  let releaseScreen = null; // lets the screen sleep again
  function stop(finished) {
    clearInterval(timer);
    timer = null;
    releaseScreen?.();
    releaseScreen = null;
    button.textContent = box.dataset.startText;
    box.classList.toggle("done", finished);
    note.textContent = finished ? box.dataset.doneText : "";
    if (finished) {
      output.textContent = "0";
      navigator.vibrate?.([300, 150, 300]);
      speak(box.dataset.doneText);
      step.dispatchEvent(new CustomEvent("cramp-aid:hold-done", { bubbles: true }));
    } else {
      output.textContent = String(seconds);
    }
  }
  button.addEventListener("click", () => {
    if (timer) return stop(false);
    const ends = Date.now() + seconds * 1000;
    box.classList.remove("done");
    button.textContent = box.dataset.stopText;
    output.textContent = String(seconds);
    speak(step.querySelector("h2").textContent + ". " + step.querySelector("p").textContent);
    // Counted from the clock, not from ticks: a throttled tab still ends on time.
    timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
      output.textContent = String(left);
      if (left === 0) stop(true);
    }, 250);
    releaseScreen = keepAwake();
  });
}

function offerSpeech() {
  if (!("speechSynthesis" in window) || !speakToggle) return;
  speech = window.speechSynthesis;
  const box = speakToggle.querySelector("input");
  box.checked = localStorage.getItem(SPEAK_KEY) === "on";
  box.addEventListener("change", () => {
    localStorage.setItem(SPEAK_KEY, box.checked ? "on" : "off");
    if (!box.checked) return speech.cancel();
    const steps = [...document.querySelectorAll(".step")];
    speak(steps.map((step) => step.querySelector("h2").textContent + ". " + step.querySelector("p").textContent).join(" "));
  });
  speakToggle.hidden = false;
}

function offerTheDiary() {
  // Loaded once needed: the diary's offer.
  const offer = document.querySelector("[data-diary-offer]");
  if (!offer) return;
  const show = (event) => import("./diary/offer.js").then((diary) => diary.show(offer, event));
  addEventListener("cramp-aid:hold-done", show);
  offer.querySelector("button").onclick = show;
  offer.hidden = false;
}

function showTheVenuesDefibrillator() {
  // A venue opened in the last 12 hours (venue.js) says where its defibrillator is: the
  // rescue screen's defibrillator step names that place, as the header offers its own line.
  const line = document.querySelector("[data-venue-aed]");
  const venue = read(VENUE_KEY);
  if (!line || !venue?.defibrillator || !(venue.until > Date.now())) return;
  line.textContent = fill(line.dataset.template, { venue: venue.name, place: venue.defibrillator });
  line.hidden = false;
}

function offerTheBeat() {
  // The CPR beat's code comes with its first tap: the screen opens without it.
  for (const box of document.querySelectorAll("[data-beats-per-minute]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "primary";
    button.textContent = box.dataset.startText;
    box.append(button);
    const start = () => import("./beat.js").then((beat) => beat.takeOver(box, button));
    button.addEventListener("click", start, { once: true });
  }
}

// A frame, then a task: the steps paint first.
requestAnimationFrame(() =>
  setTimeout(() => {
    document.querySelectorAll("[data-hold-seconds]").forEach(setUp);
    offerSpeech();
    offerTheDiary();
    offerTheBeat();
    showTheVenuesDefibrillator();
  }),
);
