import Stripe from 'stripe'
import encryption from '@adonisjs/core/services/encryption'
import logger from '@adonisjs/core/services/logger'
import { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { isZeroMoney, platformUrl, subtractMoney, toProcessorAmount, type Money } from '#core/mod'
import { inUnitOfWork } from '#tenancy/mod'
import { createStripeClient } from '#billing/mod'
import stripeConfig from '#config/stripe'
import StoreCardPayment from '../models/store_card_payment.js'

/** Purposes bind each ciphertext to its column: a key cannot be decrypted as the other */
const PURPOSE = { secretKey: 'store-stripe-secret-key', webhookSecret: 'store-stripe-webhook' }

export const SECRET_KEY_PATTERN = /^(sk_test_|sk_live_|rk_test_|rk_live_)[A-Za-z0-9]{8,247}$/
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/=]{8,249}$/

/** A card-payment message in the language of the request being served */
export function sayCard(key: string, data?: Record<string, unknown>) {
  const i18n = HttpContext.get()?.i18n ?? i18nManager.locale(i18nManager.defaultLocale)
  return i18n.t(`card_payments.${key}`, data)
}

export function encryptSecret(kind: keyof typeof PURPOSE, value: string) {
  return encryption.encrypt(value, undefined, PURPOSE[kind])
}

/** What the dashboard may show of the store's card payments: whether set, and which key */
export interface CardPaymentsStatus {
  configured: boolean
  keyLast4: string | null
}

export async function cardPaymentsStatus(): Promise<CardPaymentsStatus> {
  const row = await inUnitOfWork(() => StoreCardPayment.query().first())
  return { configured: row !== null, keyLast4: row?.secretKeyLast4 ?? null }
}

/** Whether the current store takes card payments (its Stripe keys are set) */
export async function cardPaymentsConfigured() {
  const status = await cardPaymentsStatus()
  return status.configured
}

/** The current store's decrypted keys, or null when card payments are not set up */
export async function storeStripeKeys() {
  const row = await inUnitOfWork(() => StoreCardPayment.query().first())
  if (!row) return null
  const secretKey = encryption.decrypt<string>(row.secretKeyEncrypted, PURPOSE.secretKey)
  const webhookSecret = encryption.decrypt<string>(
    row.webhookSecretEncrypted,
    PURPOSE.webhookSecret
  )
  if (!secretKey || !webhookSecret) {
    // Encrypted under another APP_KEY: the merchant enters them again
    logger.warn({ storeCardPaymentId: row.id }, 'store Stripe keys could not be decrypted')
    return null
  }
  return { secretKey, webhookSecret }
}

/** A Stripe client with the store's own key, talking to the API config/stripe names */
export function storeStripe(secretKey: string) {
  return createStripeClient(secretKey, stripeConfig.api)
}

/** The address the merchant registers in their Stripe dashboard for this store's events */
export function storeWebhookUrl(tenantId: string) {
  return platformUrl('store_stripe_webhooks.store', { store: tenantId })
}

/**
 * What a card is charged for `total`: Stripe takes 3-decimal currencies
 * only in whole tens of fils, so the amount is rounded (half-even) here, at
 * the hand-off, and the difference is kept to be shown and recorded.
 */
export function cardCharge(total: Money) {
  const charged: Money = { amount: toProcessorAmount(total), currency: total.currency }
  const rounding = subtractMoney(charged, total)
  return { charged, rounding, rounded: !isZeroMoney(rounding) }
}

/** Stripe was unreachable or refused the call: the order stands, the shopper may retry */
export class CardPaymentUnavailable extends Error {}

export async function callStoreStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error
    logger.warn(
      { requestId: error.requestId, type: error.type, status: error.statusCode, what },
      'a store Stripe API call failed'
    )
    throw new CardPaymentUnavailable(error.message)
  }
}
