import limiter from '@adonisjs/limiter/services/main'
import logger from '@adonisjs/core/services/logger'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { wantsJson } from '../services/content_negotiation.js'

export const THROTTLE_POLICIES = {
  signIn: { requests: 10, duration: '1 minute' },
  magicLink: { requests: 5, duration: '10 minutes' },
  signUp: { requests: 10, duration: '1 hour' },
  invitation: { requests: 30, duration: '1 hour' },
  /** A shopper looking up an order by email and number: per address, and per address and email */
  orderLookup: { requests: 10, duration: '10 minutes' },
  /** Per sender address: Stripe's retries and bursts fit well within it */
  webhook: { requests: 600, duration: '1 minute' },
} as const

export type ThrottlePolicy = keyof typeof THROTTLE_POLICIES

/**
 * Consumes one attempt from Redis; when Redis cannot answer, from this
 * process's memory, so an outage loosens the limit instead of failing the
 * request. Returns the seconds to wait when the limit is reached.
 */
export async function consumeAttempt(policy: ThrottlePolicy, key: string): Promise<number | null> {
  const options = THROTTLE_POLICIES[policy]
  const scopedKey = `${policy}:${key}`
  try {
    await limiter.use('redis', options).consume(scopedKey)
    return null
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) return error.response.availableIn
    logger.warn(
      { err: error, policy },
      'rate limiter store unreachable; using the per-process limit'
    )
  }
  try {
    await limiter.use('memory', options).consume(scopedKey)
    return null
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) return error.response.availableIn
    throw error
  }
}

export default class ThrottleMiddleware {
  async handle(ctx: HttpContext, next: NextFn, policy: ThrottlePolicy) {
    const email = ctx.request.input('email')
    const subject = typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : ''
    const retryAfter = await consumeAttempt(policy, `${ctx.request.ip()}:${subject}`)
    if (retryAfter === null) return next()

    const message = ctx.i18n.t('errors.too_many_requests', { seconds: retryAfter })
    ctx.response.header('Retry-After', String(retryAfter))
    ctx.response.status(429)
    if (wantsJson(ctx)) {
      return ctx.response.send({ errors: [{ field: null, message }] })
    }
    return ctx.response.send(await ctx.view.render('core/error', { status: 429, message }))
  }
}
