import { DateTime } from 'luxon'
import { stripeClient } from '../services/stripe_client.js'
import { callStripe, StripeUnavailable } from '../services/stripe_calls.js'

export interface StripeInvoiceRow {
  id: string
  number: string | null
  createdAt: DateTime
  amount: bigint
  currency: string
  status: string
  url: string | null
}

/**
 * The customer's latest invoices as Stripe has them (until Bazaar's own
 * invoicing brings its own): null when Stripe cannot be asked right now,
 * so the page says so and still renders.
 */
export async function stripeInvoices(customerId: string, limit = 12) {
  const stripe = stripeClient()
  if (!stripe) return null
  try {
    const list = await callStripe('invoices.list', () =>
      stripe.invoices.list({ customer: customerId, limit })
    )
    return list.data.map((invoice): StripeInvoiceRow => ({
      id: invoice.id ?? '',
      number: invoice.number ?? null,
      createdAt: DateTime.fromSeconds(invoice.created, { zone: 'utc' }),
      amount: BigInt(invoice.total ?? invoice.amount_due ?? 0),
      currency: String(invoice.currency ?? 'usd').toUpperCase(),
      status: String(invoice.status ?? 'draft'),
      url: invoice.hosted_invoice_url ?? null,
    }))
  } catch (error) {
    if (error instanceof StripeUnavailable) return null
    throw error
  }
}
