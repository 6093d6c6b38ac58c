/** The Chromium binary: `CHROMIUM_PATH`, or /usr/bin/chromium (see chromium_flags.js). */
export declare const CHROMIUM_PATH: string
/** Flags for headless Chromium (see chromium_flags.js). */
export declare const CHROMIUM_FLAGS: string[]
