import redis from '@adonisjs/redis/services/main'
import { Invalid } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import { say } from '../orders_messages.js'

/** Units of one item a cart holds at most */
export const MAX_QUANTITY = 99
/** Different items a cart holds at most */
export const MAX_LINES = 50
/** A cart nobody touched for this long is forgotten */
export const CART_TTL_SECONDS = 30 * 24 * 60 * 60

export interface CartEntry {
  variantId: string
  quantity: number
}

/** One Redis hash per visitor and store: variant id → quantity (the prefix is the app's) */
function cartKey(visitorId: string) {
  return `storefront:cart:${currentTenant().id}:${visitorId}`
}

/** The discount code the visitor entered, beside their cart's hash and forgotten with it */
function discountKey(visitorId: string) {
  return `storefront:cart-discount:${currentTenant().id}:${visitorId}`
}

function checkoutLockKey(visitorId: string) {
  return `storefront:checkout:${currentTenant().id}:${visitorId}`
}

/**
 * A visitor's cart in the current store, kept in Redis and forgotten after
 * 30 days without a change. Only variant ids and quantities are kept: what
 * an item costs is read from the catalog whenever the cart is shown.
 */
export const cartStore = {
  async entries(visitorId: string | null): Promise<CartEntry[]> {
    if (!visitorId) return []
    const hash = await redis.hgetall(cartKey(visitorId))
    return Object.entries(hash)
      .map(([variantId, quantity]) => ({ variantId, quantity: Number(quantity) }))
      .filter((entry) => Number.isSafeInteger(entry.quantity) && entry.quantity > 0)
  },

  /**
   * Units in the visitor's cart, for the cart link of a page served from
   * the page cache: asked on the cache's connection, which gives up at once
   * when Redis is away (null then) instead of holding the page.
   */
  async unitCount(visitorId: string | null): Promise<number | null> {
    if (!visitorId) return 0
    try {
      const quantities = await redis.connection('cache').hvals(cartKey(visitorId))
      return quantities
        .map(Number)
        .reduce((sum, n) => (Number.isSafeInteger(n) && n > 0 ? sum + n : sum), 0)
    } catch {
      return null
    }
  },

  async quantityOf(visitorId: string, variantId: string): Promise<number> {
    return Number((await redis.hget(cartKey(visitorId), variantId)) ?? 0)
  },

  /** Adds units of an item, refusing a cart past MAX_LINES items or a line past MAX_QUANTITY */
  async add(visitorId: string, variantId: string, quantity: number) {
    const key = cartKey(visitorId)
    const [current, lines] = await Promise.all([redis.hget(key, variantId), redis.hlen(key)])
    if (current === null && lines >= MAX_LINES) {
      throw new Invalid(say('cart.errors.too_many_lines', { max: MAX_LINES }), 'variantId')
    }
    if (Number(current ?? 0) + quantity > MAX_QUANTITY) {
      throw new Invalid(say('cart.errors.quantity_too_large', { max: MAX_QUANTITY }), 'quantity')
    }
    const [[, total]] = (await redis
      .multi()
      .hincrby(key, variantId, quantity)
      .expire(key, CART_TTL_SECONDS)
      .exec()) as [[unknown, number], unknown]
    if (total > MAX_QUANTITY) {
      await redis.hset(key, variantId, String(MAX_QUANTITY))
      return MAX_QUANTITY
    }
    return total
  },

  async set(visitorId: string, variantId: string, quantity: number) {
    const key = cartKey(visitorId)
    await redis.multi().hset(key, variantId, String(quantity)).expire(key, CART_TTL_SECONDS).exec()
  },

  async remove(visitorId: string, variantIds: string[]) {
    if (variantIds.length) await redis.hdel(cartKey(visitorId), ...variantIds)
  },

  async clear(visitorId: string) {
    await redis.del(cartKey(visitorId), discountKey(visitorId))
  },

  async discountCode(visitorId: string | null): Promise<string | null> {
    if (!visitorId) return null
    return redis.get(discountKey(visitorId))
  },

  async setDiscountCode(visitorId: string, code: string) {
    await redis.set(discountKey(visitorId), code, 'EX', CART_TTL_SECONDS)
  },

  async removeDiscountCode(visitorId: string) {
    await redis.del(discountKey(visitorId))
  },

  /**
   * Holds the visitor's checkout for a moment, so a double click places one
   * order, not two. Returns false when a checkout of this cart is under way.
   */
  async holdCheckout(visitorId: string) {
    return (await redis.set(checkoutLockKey(visitorId), '1', 'EX', 30, 'NX')) === 'OK'
  },

  async releaseCheckout(visitorId: string) {
    await redis.del(checkoutLockKey(visitorId))
  },
}
