/*
| Flags for headless Chromium, shared by the browser suite (tests/bootstrap.ts)
| and Lighthouse (bin/bench.js). Types: chromium_flags.d.ts.
*/
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
