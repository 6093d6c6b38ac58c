/** Metering: usage events, rollups, rating, invoices. Not built yet. */
export {}
