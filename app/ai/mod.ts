/** AI gateway: providers, per-tenant quotas, metered calls. Not built yet. */
export {}
