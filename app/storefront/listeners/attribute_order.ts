import type { EventsList } from '@adonisjs/core/types'
import { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { visitorOf } from '../services/cart_visitor.js'
import { attributeOrder, originOf } from '../services/order_attribution.js'
import { isRobot } from '../services/visits_rules.js'
import { redisReady, saltOf, utcDay, visitorHashOf } from '../services/visits_store.js'

/**
 * Links an order placed at the checkout to its shopper's cart cookie and
 * to where they came from. It reads the placing request (the event is
 * emitted inside it), so the checkout need not know about attribution; an
 * order placed outside a request (the demo seeder, a command) is left as it is.
 */
export default class AttributeOrder {
  async placed(event: EventsList['storefront:order_placed']) {
    const ctx = HttpContext.get()
    if (!ctx) return
    const visitorId = visitorOf(ctx)
    let origin = { visitorId, first: null, last: null } as Awaited<ReturnType<typeof originOf>>
    try {
      if (redisReady()) {
        const agent = ctx.request.header('user-agent') ?? ''
        const hash = isRobot(agent)
          ? null
          : visitorHashOf(await saltOf(utcDay()), ctx.request.ip(), agent)
        origin = await originOf(visitorId, hash)
      }
    } catch (error) {
      logger.warn({ err: error, orderId: event.orderId }, 'an order was not attributed')
    }
    await attributeOrder(event.orderId, origin)
  }
}
