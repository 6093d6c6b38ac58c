import type { EventsList } from '@adonisjs/core/types'
import type { Money } from '#core/mod'
import { toDecimalString } from '../services/money_api.js'
import { recordActivity } from '#tenancy/mod'

/** "12.500 KWD": the same in every language, exact, for the activity sentence */
const shown = (money: Money) => `${toDecimalString(money)} ${money.currency}`

/**
 * The catalog's changes in the store's activity log, written in the same
 * transaction as the change. Stock moved by a sale or a cancellation is
 * told by the order it belongs to, not here.
 */
export default class RecordCatalogActivity {
  async productCreated(event: EventsList['catalog:product_created']) {
    if (event.imported) return
    await recordActivity({
      action: 'catalog.product_created',
      actorUserId: event.actorUserId,
      subject: { type: 'product', id: event.productId },
      data: { title: event.title, variants: event.variantCount },
    })
  }

  async productUpdated(event: EventsList['catalog:product_updated']) {
    // The resize job finishing an upload the log already told
    if (event.changed.length === 1 && event.changed[0] === 'media_ready') return
    const published = event.changed.length === 1 && event.changed[0] === 'status'
    await recordActivity({
      action: published ? 'catalog.product_status_changed' : 'catalog.product_updated',
      actorUserId: event.actorUserId,
      subject: { type: 'product', id: event.productId },
      data: { title: event.title, changed: event.changed, status: event.status },
    })
  }

  async productDeleted(event: EventsList['catalog:product_deleted']) {
    await recordActivity({
      action: 'catalog.product_deleted',
      actorUserId: event.actorUserId,
      subject: { type: 'product', id: event.productId },
      data: { title: event.title },
    })
  }

  async priceChanged(event: EventsList['catalog:price_changed']) {
    await recordActivity({
      action: 'catalog.price_changed',
      actorUserId: event.actorUserId,
      subject: { type: 'product_variant', id: event.variantId },
      data: {
        title: event.title,
        variant: event.variantLabel,
        from: shown(event.oldPrice),
        to: shown(event.newPrice),
        currency: event.newPrice.currency,
        fromAmount: event.oldPrice.amount.toString(),
        toAmount: event.newPrice.amount.toString(),
      },
    })
  }

  async stockChanged(event: EventsList['catalog:stock_changed']) {
    if (event.reason === 'sale' || event.reason === 'cancellation') return
    await recordActivity({
      action: 'catalog.stock_changed',
      actorUserId: event.actorUserId,
      subject: { type: 'product_variant', id: event.variantId },
      data: {
        title: event.title,
        variant: event.variantLabel,
        delta: event.delta,
        reason: event.reason,
        stock: event.stockAfter,
      },
    })
  }

  async productsImported(event: EventsList['catalog:products_imported']) {
    await recordActivity({
      action: 'catalog.products_imported',
      actorUserId: event.actorUserId,
      data: { created: event.created, updated: event.updated, variants: event.variants },
    })
  }

  async categoryChanged(event: EventsList['catalog:category_changed']) {
    await recordActivity({
      action: `catalog.category_${event.change}`,
      actorUserId: event.actorUserId,
      subject: { type: 'category', id: event.categoryId },
      data: { name: event.name },
    })
  }
}
