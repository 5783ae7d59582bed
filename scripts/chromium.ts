/** Debian's Chromium, as the browser tests and the web benchmark launch it (playwright-core downloads nothing). */
export const CHROMIUM = "/usr/bin/chromium";

// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this network refuses.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
