import Stripe from 'stripe'
import type { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import stripeConfig from '#config/stripe'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import { CreatePlan } from '#billing/operations/save_plan'
import Subscription from '#billing/models/subscription'
import { unique } from '#tests/helpers'

/** Seconds since the epoch, as Stripe writes `created` */
export const now = () => Math.floor(Date.now() / 1000)

export interface EventOptions {
  id?: string
  /** Stripe's `created`, in seconds */
  created?: number
}

/** An event as Stripe sends it: every field our code reads, and the envelope around them */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  options: EventOptions = {}
) {
  return {
    id: options.id ?? unique('evt_'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: options.created ?? now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  }
}

export interface SubscriptionFields {
  id?: string
  customer?: string
  status?: string
  priceId?: string
  tenantId?: string | null
  cancelAtPeriodEnd?: boolean
  trialEnd?: number | null
}

export function subscriptionObject(fields: SubscriptionFields = {}) {
  const start = now() - 86_400
  return {
    id: fields.id ?? unique('sub_'),
    object: 'subscription',
    customer: fields.customer ?? unique('cus_'),
    status: fields.status ?? 'active',
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    trial_end: fields.trialEnd ?? null,
    metadata: fields.tenantId ? { tenant_id: fields.tenantId } : {},
    items: {
      object: 'list',
      data: [
        {
          id: unique('si_'),
          object: 'subscription_item',
          price: { id: fields.priceId ?? 'price_unknown', object: 'price' },
          current_period_start: start,
          current_period_end: start + 30 * 86_400,
        },
      ],
    },
  }
}

export function invoiceObject(customer: string, subscription: string | null) {
  return {
    id: unique('in_'),
    object: 'invoice',
    customer,
    parent: subscription
      ? { type: 'subscription_details', subscription_details: { subscription, metadata: {} } }
      : null,
  }
}

/** A body and its Stripe-Signature header, signed the way Stripe signs */
export function signed(event: object, options: { timestamp?: number; secret?: string } = {}) {
  const body = JSON.stringify(event)
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? stripeConfig.webhookSecret!,
    timestamp: options.timestamp,
  })
  return { body, header }
}

export function deliver(
  client: ApiClient,
  event: object,
  options: { timestamp?: number; secret?: string } = {}
) {
  const { body, header } = signed(event, options)
  return client
    .post('/webhooks/stripe')
    .header('stripe-signature', header)
    .header('accept', 'application/json')
    .unsafeJson(body)
}

/** The ledger row of a Stripe event, once the queue worker has taken it (up to 10 s) */
export async function settled(eventId: string) {
  const deadline = Date.now() + 10_000
  while (true) {
    const row = await db
      .from('webhook_events')
      .where({ provider: 'stripe', event_id: eventId })
      .first()
    if (row && row.status !== 'received') return row
    if (Date.now() > deadline) return row ?? null
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function ledgerRows(eventId: string) {
  return db.from('webhook_events').where({ provider: 'stripe', event_id: eventId })
}

export function subscriptionOf(store: TenantSnapshot) {
  return withTenant(store, async () => {
    const subscription = await Subscription.query().preload('plan').firstOrFail()
    return subscription
  })
}

/** A plan billed by a Stripe price of its own, so tests never share one */
export function planWithStripePrice() {
  const code = unique('p')
  return new CreatePlan().handle({
    code,
    name: `Plan ${code}`,
    price: '19.00',
    currency: 'USD',
    stripePrice: unique('price_'),
    limits: ['projects=10'],
  })
}

/** Runs an ace command in this process, as the operators would */
export async function runAce(command: any, argv: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const instance = await ace.create(command, argv)
  await instance.exec()
  return instance
}

export function logsOf(command: any): string {
  return command.logger
    .getLogs()
    .map((log: { message: string }) => log.message)
    .join('\n')
}
