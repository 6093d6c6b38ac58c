import i18nManager from '@adonisjs/i18n/services/main'
import {
  Conflict,
  Invalid,
  MoneyInputError,
  NotFound,
  isSupportedCurrency,
  moneyErrorMessage,
  parseMoney,
} from '#core/mod'
import Plan from '../models/plan.js'
import { LimitInputError, parseLimits, UNLIMITED } from '../services/plan_limits.js'

/** A plan as an operator types it; every field optional on an update */
export interface PlanInput {
  code?: string
  name?: string
  price?: string
  currency?: string
  stripePrice?: string
  trialDays?: string
  limits?: string[]
}

const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/
const STRIPE_PRICE = /^[A-Za-z0-9_-]{1,255}$/

function required(value: string | undefined, field: string) {
  if (value === undefined || value.trim() === '') throw new Invalid(`--${field} is required`, field)
  return value.trim()
}

function readTrialDays(text: string) {
  if (!/^\d{1,3}$/.test(text.trim()) || Number(text) > 730) {
    throw new Invalid('--trial-days takes a whole number of days from 0 to 730', 'trialDays')
  }
  return Number(text)
}

function readPrice(price: string, currency: string) {
  try {
    const amount = parseMoney(price, currency).amount
    if (amount < 0n) throw new Invalid('--price cannot be negative', 'price')
    return amount
  } catch (error) {
    if (!(error instanceof MoneyInputError)) throw error
    const i18n = i18nManager.locale(i18nManager.defaultLocale)
    throw new Invalid(`--price: ${moneyErrorMessage(error, i18n)}`, 'price')
  }
}

function readCurrency(text: string) {
  const currency = text.trim().toUpperCase()
  if (!isSupportedCurrency(currency)) {
    throw new Invalid(
      `--currency: "${text}" is not a supported ISO 4217 code (e.g. USD)`,
      'currency'
    )
  }
  return currency
}

function readLimits(entries: string[], base = UNLIMITED) {
  try {
    return parseLimits(entries, base)
  } catch (error) {
    if (error instanceof LimitInputError) throw new Invalid(`--limit: ${error.message}`, 'limit')
    throw error
  }
}

/** Turns a unique violation on plans into the field a person should change */
async function savingUniquely(plan: Plan) {
  try {
    await plan.save()
  } catch (error) {
    const constraint = String((error as { constraint?: string }).constraint ?? '')
    if (constraint === 'plans_code_unique') {
      throw new Conflict(`A plan with the code "${plan.code}" already exists`, 'code')
    }
    if (constraint === 'plans_stripe_price_id_unique') {
      throw new Conflict(
        `Another plan already uses the Stripe price ${plan.stripePriceId}`,
        'stripePrice'
      )
    }
    throw error
  }
  return plan
}

export class CreatePlan {
  async handle(input: PlanInput) {
    const code = required(input.code, 'code').toLowerCase()
    if (!CODE.test(code)) {
      throw new Invalid('--code takes lowercase letters, digits, - and _ (e.g. pro)', 'code')
    }
    const name = required(input.name, 'name')
    if (name.length > 120) throw new Invalid('--name is 120 characters at most', 'name')
    const currency = readCurrency(required(input.currency, 'currency'))
    const plan = new Plan().merge({
      code,
      name,
      currency,
      monthlyPriceAmount: readPrice(required(input.price, 'price'), currency),
      stripePriceId: readStripePrice(input.stripePrice),
      trialDays: input.trialDays === undefined ? 0 : readTrialDays(input.trialDays),
      limits: readLimits(input.limits ?? []),
      meteredCharges: [],
    })
    return savingUniquely(plan)
  }
}

function readStripePrice(text: string | undefined) {
  if (text === undefined) return null
  const value = text.trim()
  if (value === '' || value === 'none') return null
  if (!STRIPE_PRICE.test(value)) {
    throw new Invalid('--stripe-price takes a Stripe price id (e.g. price_1Pq…)', 'stripePrice')
  }
  return value
}

export class UpdatePlan {
  async handle(code: string, input: PlanInput) {
    const plan = await Plan.findBy('code', code.trim().toLowerCase())
    if (!plan) throw new NotFound(`No plan with the code "${code}"`)
    if (input.name !== undefined) {
      const name = required(input.name, 'name')
      if (name.length > 120) throw new Invalid('--name is 120 characters at most', 'name')
      plan.name = name
    }
    const currency =
      input.currency === undefined ? plan.currency.trim() : readCurrency(input.currency)
    if (input.price !== undefined) {
      plan.monthlyPriceAmount = readPrice(required(input.price, 'price'), currency)
    } else if (currency !== plan.currency.trim()) {
      throw new Invalid("--currency changes the price's meaning: give --price with it", 'currency')
    }
    plan.currency = currency
    if (input.stripePrice !== undefined) plan.stripePriceId = readStripePrice(input.stripePrice)
    if (input.trialDays !== undefined) plan.trialDays = readTrialDays(input.trialDays)
    if (input.limits?.length) plan.limits = readLimits(input.limits, plan.limits)
    return savingUniquely(plan)
  }
}
