import type { HttpContext } from '@adonisjs/core/http'
import { renderCart } from '../services/cart_page.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The shopper's cart, priced as the catalog stands now */
export default class CartController {
  async show(ctx: HttpContext) {
    const added = ctx.request.qs().added
    return renderCart(ctx, { added: typeof added === 'string' && UUID.test(added) ? added : null })
  }
}
