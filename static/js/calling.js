// Which number the call buttons dial. Without this script every button dials the server's
// default; with it, the venue the user last opened (see venue.js) takes its place.
function dialTheLastVenue() {
  // While a venue is the last one opened, call buttons dial its number (see venue.js).
  let venue = null;
  try {
    venue = JSON.parse(localStorage.getItem("cramp-aid-venue"));
  } catch {
    return;
  }
  if (!venue?.number || !/^\+?\d{2,15}$/.test(venue.number)) return;
  for (const link of document.querySelectorAll("a[data-call]")) {
    const usual = link.getAttribute("href").slice(4);
    link.href = `tel:${venue.number}`;
    link.textContent = link.textContent.replace(usual, venue.number);
    link.title = venue.name;
  }
}

dialTheLastVenue();
