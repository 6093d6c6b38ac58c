/** Pricing: competitors, the optimizer, decisions and approvals. Not built yet. */
export {}
