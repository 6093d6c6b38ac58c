import mail from '@adonisjs/mail/services/main'
import { platformUrl } from '#core/mod'
import { Membership, User } from '#identity/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import OrderPlacedMail from '../mails/order_placed_mail.js'
import type Order from '../models/order.js'
import type OrderLine from '../models/order_line.js'
import { orderUrl } from './order_links.js'

/**
 * Tells the shopper (in the language they ordered in) and the store's owner
 * (in the store's language) about a new order, through the mail queue. Call
 * it once the order has committed.
 */
export async function mailOrderPlaced(order: Order, lines: OrderLine[]) {
  const tenant = currentTenant()
  const owner = await inUnitOfWork(async () => {
    const membership = await Membership.query().where('role', 'owner').first()
    return membership ? User.find(membership.userId) : null
  })
  await mail.sendLater(
    new OrderPlacedMail(
      order.email,
      'shopper',
      tenant.name,
      order,
      lines,
      orderUrl(tenant, order.id),
      order.locale
    )
  )
  if (owner) {
    await mail.sendLater(
      new OrderPlacedMail(
        owner.email,
        'owner',
        tenant.name,
        order,
        lines,
        platformUrl('orders.show', { id: order.id }),
        tenant.defaultLocale
      )
    )
  }
}
