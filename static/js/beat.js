// A beat to push chest compressions by (100 to 120 a minute), started by one tap: a light that
// flashes, a count to 30, a click where sound is allowed and a buzz where vibration is. The
// screen is kept awake while it runs. timer.js makes the Start button and loads this on its
// first tap; without scripts the step gives the rate in words.
import { fill, keepAwake } from "./app.js";

function click(audio) {
  // A 30 ms tick: short enough to keep time by, loud enough to hear on a beach.
  const tone = audio.createOscillator();
  const volume = audio.createGain();
  tone.frequency.value = 1000;
  volume.gain.setValueAtTime(0.6, audio.currentTime);
  volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.03);
  tone.connect(volume).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.04);
}

export function takeOver(box, button) {
  const interval = 60000 / Number(box.dataset.beatsPerMinute);
  const light = document.createElement("span");
  light.className = "beat-light";
  light.setAttribute("aria-hidden", "true");
  const count = document.createElement("output");
  const sound = document.createElement("label");
  const soundBox = document.createElement("input");
  soundBox.type = "checkbox";
  soundBox.checked = true;
  sound.append(soundBox, ` ${box.dataset.soundText}`);
  button.before(light, count);
  button.after(sound);

  let timer = null;
  let beats = 0;
  let started = 0;
  let audio = null;
  let releaseScreen = null; // lets the screen sleep again

  function beat() {
    beats += 1;
    count.textContent = fill(box.dataset.countText, { count: ((beats - 1) % 30) + 1 });
    light.classList.add("on");
    setTimeout(() => light.classList.remove("on"), Math.min(150, interval / 2));
    if (audio && soundBox.checked) click(audio);
    navigator.vibrate?.(40);
    // Timed from the start, not from the last beat: the rhythm does not drift.
    timer = setTimeout(beat, started + beats * interval - Date.now());
  }

  function stop() {
    clearTimeout(timer);
    timer = null;
    releaseScreen?.();
    releaseScreen = null;
    audio?.close().catch(() => {});
    audio = null;
    button.textContent = box.dataset.startText;
    box.classList.remove("running");
  }

  function toggle() {
    if (timer) return stop();
    // Made on the tap itself: browsers allow sound only after the user asks for it.
    audio = "AudioContext" in window ? new AudioContext() : null;
    beats = 0;
    started = Date.now();
    box.classList.add("running");
    button.textContent = box.dataset.stopText;
    beat();
    releaseScreen = keepAwake();
  }
  button.addEventListener("click", toggle);
  toggle(); // the tap that loaded this script meant "start"
}
