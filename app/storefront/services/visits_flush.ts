import { currentClient, currentTenant, tenantDirectory, withTenant } from '#tenancy/mod'
import { claimVisits, releaseClaimed, rememberTouches, type VisitRecord } from './visits_store.js'

/** Records written per flush at most; the next flush takes the rest */
export const FLUSH_BATCH = 1000

export interface FlushOutcome {
  written: number
  stores: number
}

function rowOf(record: VisitRecord) {
  return {
    tenant_id: currentTenant().id,
    id: record.id,
    occurred_at: record.at,
    path: record.path,
    landing: record.touch !== null,
    source: record.touch?.source ?? null,
    medium: record.touch?.medium ?? null,
    campaign: record.touch?.campaign ?? null,
    utm_source: record.utm.source,
    utm_medium: record.utm.medium,
    utm_campaign: record.utm.campaign,
    utm_term: record.utm.term,
    utm_content: record.utm.content,
    referrer_host: record.referrerHost,
    device: record.device,
    visitor_id: record.visitorId,
    visitor_hash: record.visitorHash,
  }
}

/**
 * Drains recorded page views into PostgreSQL: each store's rows in that
 * store's own unit of work (so RLS checks every row against it), then the
 * visitors' first and last touches in Redis, then the claim is released.
 * A flush that dies half-way leaves its claim for the next one, which
 * inserts by the records' own ids and so writes each view once.
 */
export async function flushVisits(limit = FLUSH_BATCH): Promise<FlushOutcome> {
  const records = await claimVisits(limit)
  if (records.length === 0) return { written: 0, stores: 0 }
  const byStore = new Map<string, VisitRecord[]>()
  for (const record of records) {
    byStore.set(record.tenantId, [...(byStore.get(record.tenantId) ?? []), record])
  }
  let written = 0
  for (const [tenantId, visits] of byStore) {
    const store = await tenantDirectory.findById(tenantId)
    // a store deleted since: its views go with it
    if (!store) continue
    written += await withTenant(store, async () => {
      const inserted = await currentClient()
        .knexQuery()
        .table('visits')
        .insert(visits.map(rowOf))
        .onConflict(['tenant_id', 'id'])
        .ignore()
        .returning('id')
      return inserted.length
    })
  }
  await rememberTouches(records)
  await releaseClaimed(records.length)
  return { written, stores: byStore.size }
}
