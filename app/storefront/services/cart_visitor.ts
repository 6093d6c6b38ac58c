import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { randomToken } from '#core/mod'
import { CART_TTL_SECONDS } from './cart_store.js'

export const VISITOR_COOKIE = 'bazaar_cart'
const VISITOR_ID = /^[A-Za-z0-9_-]{32,64}$/

/**
 * Who the cart belongs to: a random id in an encrypted, httpOnly cookie,
 * set only when a shopper first adds something (browsing sets no cookie).
 * SameSite=Lax keeps other sites' forms from carrying it.
 */
export function visitorOf(ctx: HttpContext): string | null {
  const value = ctx.request.encryptedCookie(VISITOR_COOKIE)
  return typeof value === 'string' && VISITOR_ID.test(value) ? value : null
}

export function ensureVisitor(ctx: HttpContext): string {
  const existing = visitorOf(ctx)
  const visitorId = existing ?? randomToken(32)
  ctx.response.encryptedCookie(VISITOR_COOKIE, visitorId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: app.inProduction,
    path: '/',
    maxAge: CART_TTL_SECONDS,
  })
  return visitorId
}
