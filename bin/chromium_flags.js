/*
| Headless Chromium for the browser suite (tests/bootstrap.ts) and Lighthouse
| (bin/bench.js): its path and its flags. Types: chromium_flags.d.ts.
*/

/** The browser binary: `CHROMIUM_PATH` if set, otherwise Debian's `chromium` package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
