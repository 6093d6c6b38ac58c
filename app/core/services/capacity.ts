/**
 * What a store's plan may cap. The module that owns the rows asks, inside
 * the transaction that inserts them, whether there is room; a module that
 * sells plans (billing) answers. Nobody answering means no cap.
 */
export type CapacityResource = 'projects' | 'tasks' | 'members' | 'products'

export interface CapacityRequest {
  resource: CapacityResource
  /** How many rows the store already has of the resource (run after any lock the check takes) */
  count: () => Promise<number>
  /** How many are about to be added */
  adding: number
}

/** Refuses (throws a typed failure, e.g. `PaymentRequired`) when there is no room */
export type CapacityCheck = (request: CapacityRequest) => Promise<void>

const checks = new Set<CapacityCheck>()

/** Called once at boot by the module that enforces caps */
export function registerCapacityCheck(check: CapacityCheck) {
  checks.add(check)
}

/**
 * Throws when the current store may not add `adding` more of `resource`.
 * Call it inside the store's transaction right before the insert: the
 * check serialises concurrent creates of the same store, so two of them
 * cannot both take the last slot.
 */
export async function ensureCapacity(
  resource: CapacityResource,
  count: () => Promise<number>,
  adding = 1
) {
  for (const check of checks) await check({ resource, count, adding })
}

/** The `total` a `count('* as total')` query answers, for `ensureCapacity`'s count */
export async function countRows(query: PromiseLike<readonly object[]>): Promise<number> {
  const [row] = (await query) as { $extras?: { total?: unknown }; total?: unknown }[]
  return Number(row?.$extras?.total ?? row?.total ?? 0)
}

const usageCounts = new Map<CapacityResource, () => Promise<number>>()

/**
 * Called once at boot by the module that owns a cappable resource, with the
 * count its caps are checked against, so the plan's page can show how much
 * of each limit the store uses without reading another module's tables.
 */
export function registerUsageCount(resource: CapacityResource, count: () => Promise<number>) {
  usageCounts.set(resource, count)
}

/** How much of each registered resource the current store uses (inside its unit of work) */
export async function currentUsage(): Promise<Partial<Record<CapacityResource, number>>> {
  const usage: Partial<Record<CapacityResource, number>> = {}
  for (const [resource, count] of usageCounts) usage[resource] = await count()
  return usage
}
