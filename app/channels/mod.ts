/** Channels: connections to external store platforms. Not built yet. */
export {}
