/** Flags for headless Chromium (see chromium_flags.js). */
export declare const CHROMIUM_FLAGS: string[]
