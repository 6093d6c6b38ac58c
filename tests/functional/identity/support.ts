import type { ApiResponse } from '@japa/api-client'

/**
 * The session plugin destroys each request's session afterwards, so a
 * follow-up request carries the values the previous response left behind
 * (auth, current store) explicitly with `.withSession(sessionAfter(r))`.
 */
export function sessionAfter(response: ApiResponse): Record<string, any> {
  return response.session() ?? {}
}

/** The session key the web guard keeps the signed-in user id under. */
export const WEB_SESSION_KEY = 'auth_web'

export function isSignedIn(response: ApiResponse) {
  return Boolean(sessionAfter(response)[WEB_SESSION_KEY])
}

import limiter from '@adonisjs/limiter/services/main'
import { THROTTLE_POLICIES, type ThrottlePolicy } from '#core/mod'

/**
 * Invitation acceptance is throttled per address with no email in the form,
 * so every acceptance from the test client shares one bucket; tests that
 * accept invitations empty that one bucket first (and nothing else).
 */
export async function resetThrottle(policy: ThrottlePolicy, subject = '') {
  const options = THROTTLE_POLICIES[policy]
  for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
    const key = `${policy}:${ip}:${subject}`
    for (const store of ['redis', 'memory'] as const) {
      try {
        await limiter.use(store, options).delete(key)
      } catch {}
    }
  }
}

/** Sends a request (or awaits a pending one) and asserts its status. */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}
