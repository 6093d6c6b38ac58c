import Stripe from 'stripe'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import stripeConfig from '#config/stripe'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import { CreatePlan } from '#billing/operations/save_plan'
import Subscription from '#billing/models/subscription'
import { createStore, unique } from '#tests/helpers'

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

/**
 * A store on the free plan, a plan billed by a Stripe price of its own, and
 * the fields of one Stripe subscription moving the store onto that plan
 */
export async function freeStoreAndPlan() {
  const created = await createStore({ plan: 'free' })
  const plan = await planWithStripePrice()
  const fields = { tenantId: created.store.id, priceId: plan.stripePriceId!, id: unique('sub_') }
  return { ...created, plan, fields }
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

/** One request the Stripe stand-in received: its form body decoded into flat `a[b][0]` keys */
export interface StripeRequest {
  method: string
  path: string
  query: Record<string, string>
  body: Record<string, string>
  /** The API key the call was made with (the Bearer token) */
  apiKey: string
}

export interface StripeStandIn {
  requests: StripeRequest[]
  /** Invoices `GET /v1/invoices` answers with (Stripe's shape) */
  invoices: Record<string, unknown>[]
  /** When set, every call is refused the way Stripe refuses a bad request */
  refuse: boolean
  sent(method: string, path: string): StripeRequest[]
}

/**
 * A local HTTP server answering the Stripe API calls billing makes
 * (customers, Checkout and portal sessions, invoices), recording each
 * request; billing's one Stripe client is pointed at it with a test key for
 * the test's duration. Webhooks still go through `deliver`.
 */
export async function stripeStandIn(
  cleanup: (fn: () => Promise<void>) => void
): Promise<StripeStandIn> {
  const standIn: StripeStandIn = {
    requests: [],
    invoices: [],
    refuse: false,
    sent(method, path) {
      return this.requests.filter((request) => request.method === method && request.path === path)
    },
  }
  const server = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in')
      const recorded: StripeRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: Object.fromEntries(new URLSearchParams(raw)),
        apiKey: (request.headers.authorization ?? '').replace(/^Bearer /, ''),
      }
      standIn.requests.push(recorded)
      response.setHeader('content-type', 'application/json')
      response.setHeader('request-id', unique('req_'))
      const answer = (status: number, body: unknown) => {
        response.statusCode = status
        response.end(JSON.stringify(body))
      }
      if (standIn.refuse) {
        return answer(400, {
          error: { type: 'invalid_request_error', message: 'Refused by the stand-in' },
        })
      }
      const route = `${recorded.method} ${recorded.path}`
      if (route === 'POST /v1/customers') {
        return answer(200, { id: unique('cus_'), object: 'customer', email: recorded.body.email })
      }
      if (route === 'POST /v1/checkout/sessions') {
        const id = unique('cs_test_')
        return answer(200, {
          id,
          object: 'checkout.session',
          mode: recorded.body.mode,
          url: `https://checkout.stripe.com/c/pay/${id}`,
        })
      }
      if (route === 'POST /v1/billing_portal/sessions') {
        const id = unique('bps_')
        return answer(200, {
          id,
          object: 'billing_portal.session',
          customer: recorded.body.customer,
          url: `https://billing.stripe.com/p/session/${id}`,
        })
      }
      if (route === 'GET /v1/invoices') {
        return answer(200, {
          object: 'list',
          url: '/v1/invoices',
          has_more: false,
          data: standIn.invoices,
        })
      }
      answer(404, { error: { type: 'invalid_request_error', message: `No stand-in for ${route}` } })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const saved = { ...stripeConfig }
  Object.assign(stripeConfig, {
    secretKey: 'sk_test_stand_in',
    webhookSecret: stripeConfig.webhookSecret ?? 'whsec_stand_in',
    api: { host: '127.0.0.1', port, protocol: 'http' },
  })
  cleanup(async () => {
    Object.assign(stripeConfig, saved)
    // The SDK keeps its connections alive: close them, or close() waits for them
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return standIn
}

/** An invoice as `invoices.list` returns it, with the fields the billing page reads */
export function stripeInvoice(fields: { total: number; status?: string; currency?: string }) {
  const id = unique('in_')
  return {
    id,
    object: 'invoice',
    number: unique('INV-').toUpperCase(),
    created: now() - 86_400,
    total: fields.total,
    amount_due: fields.total,
    currency: fields.currency ?? 'usd',
    status: fields.status ?? 'paid',
    hosted_invoice_url: `https://invoice.stripe.test/i/${id}`,
  }
}
