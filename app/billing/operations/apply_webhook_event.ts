import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/mod'
import { currentClient, tenantDirectory, withTenant, type TenantSnapshot } from '#tenancy/mod'
import Plan from '../models/plan.js'
import Subscription from '../models/subscription.js'
import {
  announceSubscriptionChange,
  type SubscriptionStanding,
} from '../services/subscription_changes.js'
import { isStale } from '../services/subscription_state.js'
import { sendBillingNotice } from '../services/billing_notices.js'
import {
  eventCreatedAt,
  readStripeEvent,
  UnreadableEvent,
  type StoreHint,
  type StripeChange,
} from '../services/stripe_event_reader.js'

/** The event names something Bazaar cannot place: an operator fixes the cause, then replays it */
export class UnresolvableEvent extends Error {}

export type ApplyOutcome = 'processed' | 'ignored' | 'failed'

const FINISHED = ['processed', 'ignored']
const STALE = 'older than the last change applied to the subscription'
/** Ledger rows one pass reads and applies together */
const PASS_SIZE = 500
/** Tries the queue gives an event that fails unexpectedly (the database, say) before it is `failed` */
const MOST_ATTEMPTS = 3

interface LedgerRow {
  id: string
  status: string
  attempts: number
  payload: Record<string, any>
}

type StoreChange = Exclude<StripeChange, { kind: 'ignored' }>

interface ReadEvent {
  row: LedgerRow
  change: StoreChange
  createdAt: Date
}

interface Settled {
  id: string
  /** `received`: failed unexpectedly, to be tried again by the next pass */
  outcome: ApplyOutcome | 'received'
  error: string | null
}

/** How rows another applier holds are treated: waited for (a replay), or left to it (the queue) */
type LockMode = 'wait' | 'skip'

/**
 * Applies one recorded Stripe event to the store it concerns, exactly once,
 * as `billing:replay` does: the ledger row is locked and marked in the same
 * transaction as the change, so a second worker, a retry or a replay finds
 * it done. An event older than the last change applied to the subscription
 * changes nothing (`ignored`). A failure is written to the ledger with its
 * reason; only unexpected ones (the database, say) are thrown again.
 */
export default class ApplyWebhookEvent {
  async handle(ledgerId: string): Promise<ApplyOutcome> {
    const row = await db
      .from('webhook_events')
      .where('id', ledgerId)
      .select('id', 'status', 'attempts', 'payload')
      .first()
    if (!row) throw new UnresolvableEvent(`No recorded webhook event ${ledgerId}`)
    if (FINISHED.includes(row.status)) return row.status
    const outcomes = await applyRows([row], 'wait')
    return outcomes.get(row.id) ?? (await statusOf(row.id))
  }
}

/**
 * What the queue runs: a pass over every Stripe event still `received`,
 * oldest first. A store's events of one pass are applied in one
 * transaction, in the order Stripe created them, with one write of the
 * subscription; rows another worker holds are left to it. When a store's
 * batch cannot be applied whole, each of its events is applied alone, so one
 * bad event fails by itself with its own reason. An unexpected failure is
 * thrown again (the queue retries the pass) and leaves the event `received`
 * with its error, until its third try marks it `failed`.
 */
export class ApplyRecordedWebhookEvents {
  async handle(): Promise<void> {
    let after: { receivedAt: string; id: string } | null = null
    let unexpected: unknown = null
    while (true) {
      const from: { receivedAt: string; id: string } | null = after
      const rows: Array<LedgerRow & { received_key: string }> = await db
        .from('webhook_events')
        .where({ provider: 'stripe', status: 'received' })
        .if(from, (query) =>
          query.whereRaw('(received_at, id) > (?::timestamptz, ?::uuid)', [
            from!.receivedAt,
            from!.id,
          ])
        )
        .orderBy([{ column: 'received_at' }, { column: 'id' }])
        .limit(PASS_SIZE)
        .select('id', 'status', 'attempts', 'payload', db.raw('received_at::text AS received_key'))
      if (!rows.length) break
      await applyRows(rows, 'skip').catch((error) => (unexpected ??= error))
      const last = rows[rows.length - 1]
      after = { receivedAt: last.received_key, id: last.id }
      if (rows.length < PASS_SIZE) break
    }
    if (unexpected) throw unexpected
  }
}

async function statusOf(id: string): Promise<ApplyOutcome> {
  const row = await db.from('webhook_events').where('id', id).select('status').firstOrFail()
  return row.status
}

async function applyRows(rows: LedgerRow[], lock: LockMode): Promise<Map<string, ApplyOutcome>> {
  const outcomes = new Map<string, ApplyOutcome>()
  const outsideStores: Settled[] = []
  let unexpected: unknown = null
  const fail = (row: LedgerRow, error: unknown) => {
    const expected = error instanceof UnresolvableEvent || error instanceof UnreadableEvent
    // A replay reports its failure at once; the queue tries the event again first
    const final = expected || lock === 'wait' || row.attempts + 1 >= MOST_ATTEMPTS
    outsideStores.push({
      id: row.id,
      outcome: final ? 'failed' : 'received',
      error: reasonOf(error),
    })
    outcomes.set(row.id, 'failed')
    if (!expected) unexpected ??= error
  }

  const reads = readsOfOnePass()
  const byStore = new Map<string, { store: TenantSnapshot; events: ReadEvent[] }>()
  for (const row of rows) {
    try {
      const change = readStripeEvent(row.payload)
      if (change.kind === 'ignored') {
        outsideStores.push({ id: row.id, outcome: 'ignored', error: null })
        outcomes.set(row.id, 'ignored')
        continue
      }
      const event = { row, change, createdAt: eventCreatedAt(row.payload) }
      const hint = `${change.tenantId}|${change.customerId}|${change.subscriptionId}`
      const store = await reads(`store ${hint}`, () => storeFor(change))
      const group = byStore.get(store.id) ?? { store, events: [] }
      group.events.push(event)
      byStore.set(store.id, group)
    } catch (error) {
      fail(row, error)
    }
  }

  for (const { store, events } of byStore.values()) {
    const apply = async (some: ReadEvent[]) => {
      for (const [id, outcome] of await applyToStore(store, some, lock, reads)) {
        outcomes.set(id, outcome)
      }
    }
    try {
      await apply(events)
    } catch (error) {
      if (events.length === 1) fail(events[0].row, error)
      else for (const event of events) await apply([event]).catch((alone) => fail(event.row, alone))
    }
  }
  if (outsideStores.length) await settle(db, outsideStores)
  if (unexpected) throw unexpected
  return outcomes
}

function reasonOf(error: unknown) {
  return String((error as Error)?.message ?? error).slice(0, 2000)
}

/** Marks ledger rows with what became of them; a row another applier finished keeps its outcome */
const SETTLE_LEDGER = `UPDATE webhook_events AS ledger
  SET status = settled.outcome, attempts = ledger.attempts + 1, last_error = settled.error,
      processed_at = CASE WHEN settled.outcome IN ('processed', 'ignored') THEN ? ELSE ledger.processed_at END
  FROM jsonb_to_recordset(?::jsonb) AS settled(id uuid, outcome text, error text)
  WHERE ledger.id = settled.id AND ledger.status NOT IN ('processed', 'ignored')`

function settleBindings(settled: Settled[]) {
  return [clock.now().toJSDate(), JSON.stringify(settled)]
}

async function settle(client: Pick<typeof db, 'rawQuery'>, settled: Settled[]) {
  await client.rawQuery(SETTLE_LEDGER, settleBindings(settled))
}

/**
 * Writes what a store's events changed in its subscription and what became
 * of each event as one statement, the ledger's update riding along with the
 * subscription's (both in the store's transaction). The subscription row
 * was read and locked by this transaction; its changed columns are written
 * as the model prepares them, on the store's row only.
 */
async function writeOutcome(
  client: UnitOfWorkClient,
  subscription: Subscription,
  settled: Settled[],
  change: StoreHint | null
) {
  if (!subscription.$isDirty) return settle(client, settled)
  subscription.updatedAt = DateTime.now()
  const columns = Object.entries(subscription.$dirty).map(([attribute, value]) => {
    const column = Subscription.$getColumn(attribute)!
    return [
      column.columnName,
      column.prepare ? column.prepare(value, attribute, subscription) : value,
    ]
  })
  await linking(
    () =>
      client.rawQuery(
        `WITH settled AS (${SETTLE_LEDGER} RETURNING ledger.id)
         UPDATE subscriptions SET ${columns.map(([name]) => `"${name}" = ?`).join(', ')}
         WHERE tenant_id = ?`,
        [...settleBindings(settled), ...columns.map(([, value]) => value), subscription.tenantId]
      ),
    change
  )
  subscription.$hydrateOriginals()
}

/**
 * Applies a store's events in the order Stripe created them (among events
 * of the same second, the later delivery last, so it wins), then writes the
 * subscription once and marks the rows in the same transaction. Each change
 * of plan or status is announced on its own, with the event that made it
 * (`announceSubscriptionChange` passes over the steps that changed neither).
 */
function applyToStore(
  store: TenantSnapshot,
  events: ReadEvent[],
  lock: LockMode,
  reads: PassReads
): Promise<Map<string, ApplyOutcome>> {
  return withTenant(store, async () => {
    const client = currentClient()
    const read = new Map(events.map((event) => [event.row.id, event]))
    const { locked, subscription } = await lockRowsAndSubscription(
      client,
      store,
      [...read.keys()],
      lock
    )

    const outcomes = new Map<string, ApplyOutcome>()
    const open: Array<ReadEvent & { receivedAt: Date }> = []
    for (const row of locked) {
      const event = read.get(row.id)!
      if (FINISHED.includes(row.status)) outcomes.set(row.id, row.status as ApplyOutcome)
      // Failed by another applier since this one read it: that attempt counts
      else if (lock === 'wait' || row.status === event.row.status) {
        open.push({ ...event, receivedAt: row.receivedAt })
      }
    }
    if (!open.length) return outcomes
    if (!subscription) throw new UnresolvableEvent('The store has no subscription row')
    open.sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.receivedAt.getTime() - b.receivedAt.getTime()
    )

    let standing = standingOf(subscription)
    const changes: Array<{
      before: SubscriptionStanding
      after: SubscriptionStanding
      by: string
    }> = []
    const notices: Array<{ change: StoreChange; applied: boolean }> = []
    const settled: Array<Settled & { outcome: ApplyOutcome }> = []
    for (const event of open) {
      try {
        const applied = await applyChange(event.change, event.createdAt, subscription, reads)
        settled.push({
          id: event.row.id,
          outcome: applied ? 'processed' : 'ignored',
          error: applied ? null : STALE,
        })
        notices.push({ change: event.change, applied })
        const now = standingOf(subscription)
        changes.push({ before: standing, after: now, by: String(event.row.payload.id) })
        standing = now
      } catch (error) {
        if (!(error instanceof UnresolvableEvent)) throw error
        settled.push({ id: event.row.id, outcome: 'failed', error: reasonOf(error) })
      }
    }
    await writeOutcome(client, subscription, settled, open.length === 1 ? open[0].change : null)
    for (const { before, after, by } of changes) {
      await announceSubscriptionChange(subscription.tenantId, before, after, 'stripe', by)
    }
    for (const { change, applied } of notices)
      await mailNotice(change, subscription, applied, reads)
    for (const { id, outcome } of settled) outcomes.set(id, outcome)
    return outcomes
  })
}

type UnitOfWorkClient = ReturnType<typeof currentClient>

interface LockedRow {
  id: string
  status: string
  receivedAt: Date
}

/**
 * Locks the store's ledger rows and its subscription in one statement:
 * the rows first (left to another applier that holds them, unless this is
 * a replay, which waits), then the subscription row every applier of this
 * store's events waits for. The values read are the ones locked, never an
 * older snapshot.
 */
async function lockRowsAndSubscription(
  client: UnitOfWorkClient,
  store: TenantSnapshot,
  ids: string[],
  lock: LockMode
): Promise<{ locked: LockedRow[]; subscription: Subscription | null }> {
  const idList = `{${ids.join(',')}}`
  const { rows } = await client.rawQuery(
    `SELECT ledger.id AS ledger_id, ledger.status AS ledger_status,
            ledger.received_at AS ledger_received_at, subscription.*
     FROM webhook_events ledger CROSS JOIN subscriptions subscription
     WHERE ledger.id = ANY(?::uuid[]) AND subscription.tenant_id = ?
     FOR UPDATE OF ledger ${lock === 'skip' ? 'SKIP LOCKED' : ''} FOR UPDATE OF subscription`,
    [idList, store.id]
  )
  if (rows.length) {
    const locked = rows.map((row: Record<string, any>) => ({
      id: row.ledger_id,
      status: row.ledger_status,
      receivedAt: row.ledger_received_at,
    }))
    const subscription = Subscription.$createFromAdapterResult(rows[0], undefined, { client })
    return { locked, subscription }
  }
  // Nothing to join: every row is another applier's, or the store has no subscription
  const alone = await client
    .from('webhook_events')
    .whereIn('id', ids)
    .select('id', 'status', 'received_at as receivedAt')
    .forUpdate()
    .if(lock === 'skip', (query) => query.skipLocked())
  return { locked: alone, subscription: null }
}

function standingOf(subscription: Subscription): SubscriptionStanding {
  return { planId: subscription.planId, status: subscription.status }
}

/** Reads made once per pass: many events of a pass name the same store or plan */
type PassReads = <T>(key: string, read: () => Promise<T>) => Promise<T>

function readsOfOnePass(): PassReads {
  const seen = new Map<string, Promise<unknown>>()
  return <T>(key: string, read: () => Promise<T>) => {
    if (!seen.has(key)) seen.set(key, read())
    return seen.get(key) as Promise<T>
  }
}

/**
 * The store an event concerns: named in its metadata, or the one whose
 * subscription is linked to the event's customer or subscription. Finding a
 * store by a Stripe id is a read across stores, so it goes through the
 * platform connection and returns nothing but the store's id.
 */
async function storeFor(hint: StoreHint): Promise<TenantSnapshot> {
  let tenantId = hint.tenantId
  if (!tenantId && (hint.customerId || hint.subscriptionId)) {
    const linked = await db
      .connection('platform')
      .from('subscriptions')
      .where((query) => {
        if (hint.customerId) query.orWhere('stripe_customer_id', hint.customerId)
        if (hint.subscriptionId) query.orWhere('stripe_subscription_id', hint.subscriptionId)
      })
      .select('tenant_id')
      .first()
    tenantId = linked?.tenant_id ?? null
  }
  const store = tenantId ? await tenantDirectory.findById(tenantId) : null
  if (!store) {
    const named = [hint.tenantId && `store ${hint.tenantId}`, hint.customerId, hint.subscriptionId]
    throw new UnresolvableEvent(
      `No store matches ${named.filter(Boolean).join(' / ') || 'this event'}: ` +
        'set metadata.tenant_id on the Stripe object, or link the customer to a store first'
    )
  }
  return store
}

async function planIdForPrice(priceId: string, reads: PassReads): Promise<string> {
  const plan = await reads(`price ${priceId}`, () => Plan.findBy('stripePriceId', priceId))
  if (!plan) {
    throw new UnresolvableEvent(
      `No plan has the Stripe price ${priceId}: set it with ` +
        `"node ace plan:update <code> --stripe-price=${priceId}", then replay the event`
    )
  }
  return plan.id
}

function asDateTime(value: Date | null) {
  return value ? DateTime.fromJSDate(value, { zone: 'utc' }) : null
}

/**
 * Applies `change` to `subscription` in memory; false when it is too old to
 * apply. Whatever can refuse the change is settled before anything is
 * merged, so a refused event leaves the subscription as it was.
 */
async function applyChange(
  change: StoreChange,
  createdAt: Date,
  subscription: Subscription,
  reads: PassReads
): Promise<boolean> {
  const stale = isStale(createdAt, subscription.lastEventCreatedAt?.toJSDate() ?? null)
  // A Checkout session links the store whenever it arrives; an old event links nothing
  if (change.kind !== 'link' && stale) return false
  const planId =
    change.kind === 'subscription' && change.priceId
      ? await planIdForPrice(change.priceId, reads)
      : null
  subscription.merge({
    stripeCustomerId: change.customerId ?? subscription.stripeCustomerId,
    stripeSubscriptionId: change.subscriptionId ?? subscription.stripeSubscriptionId,
  })
  if (change.kind === 'link') return true
  subscription.merge({ status: change.status, lastEventCreatedAt: asDateTime(createdAt) })
  if (change.kind === 'subscription') {
    if (planId) subscription.planId = planId
    subscription.merge({
      currentPeriodStart: asDateTime(change.currentPeriodStart),
      currentPeriodEnd: asDateTime(change.currentPeriodEnd),
      cancelAtPeriodEnd: change.cancelAtPeriodEnd,
      trialEndsAt: asDateTime(change.trialEndsAt),
    })
  }
  return true
}

/**
 * The mail an event calls for, if it still applies: a failed payment only
 * when the event was not overtaken by a newer one (a later payment may have
 * gone through, in this batch or before), a trial's end only while the store
 * is still in that trial.
 */
async function mailNotice(
  change: StoreChange,
  subscription: Subscription,
  applied: boolean,
  reads: PassReads
) {
  if (change.kind === 'link' || !change.notice) return
  const { kind, occurrence } = change.notice
  if (kind === 'payment_failed' && !(applied && STILL_UNPAID.includes(subscription.status))) return
  if (kind === 'trial_ending') {
    const end = subscription.trialEndsAt
    if (subscription.status !== 'trialing' || !end || end <= clock.now()) return
  }
  const plan = await reads(`plan ${subscription.planId}`, () =>
    Plan.findOrFail(subscription.planId)
  )
  await sendBillingNotice(kind, occurrence, {
    planName: plan.name,
    status: subscription.status,
    trialEndsAt: subscription.trialEndsAt?.toISO() ?? null,
  })
}

/** Where a failed payment leaves a subscription until a later event says it was paid */
const STILL_UNPAID = ['past_due', 'unpaid', 'incomplete']

const UNIQUE_VIOLATION = '23505'

/** Saves a subscription's Stripe ids; ids another store holds are the operator's to sort out */
async function linking<T>(save: () => Promise<T>, change: StoreHint | null) {
  try {
    return await save()
  } catch (error) {
    if (!change || (error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
    throw new UnresolvableEvent(
      `Stripe customer ${change.customerId} or subscription ${change.subscriptionId} ` +
        'is already linked to another store'
    )
  }
}
