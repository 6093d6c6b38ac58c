import type { Money } from '#core/mod'

/**
 * What happens in a store's catalog, for any module to react to (the
 * activity log, later the storefront's caches and the price optimizer).
 * Payloads are plain values; listeners run inside the store's unit of
 * work, so what they write commits or rolls back with the change.
 */
export interface CatalogEvent {
  tenantId: string
  /** The member who made the change; null for a job or a command */
  actorUserId: string | null
}

export interface ProductEvent extends CatalogEvent {
  productId: string
  title: string
}

export type StockChangeReason = 'initial' | 'adjustment' | 'sale' | 'cancellation' | 'import'

declare module '@adonisjs/core/types' {
  interface EventsList {
    /** `imported`: one product of a CSV file, which the log tells once for the whole file */
    'catalog:product_created': ProductEvent & { variantCount: number; imported: boolean }
    /**
     * `changed` names the product's fields that differ from before (a bulk publish:
     * ['status']); `media` for its images, `media_ready` when the job has made an image's sizes
     */
    'catalog:product_updated': ProductEvent & { changed: string[]; status: string }
    /** The one event of a price change, whoever made it (a member, the optimizer) */
    'catalog:price_changed': ProductEvent & {
      variantId: string
      variantLabel: string
      oldPrice: Money
      newPrice: Money
    }
    'catalog:stock_changed': ProductEvent & {
      variantId: string
      variantLabel: string
      delta: number
      reason: StockChangeReason
      stockAfter: number
    }
    /** One event per deleted product, even when many go at once */
    'catalog:product_deleted': ProductEvent
    'catalog:category_changed': CatalogEvent & {
      categoryId: string
      name: string
      change: 'created' | 'updated' | 'moved' | 'deleted'
    }
    /** After the products' own events: one for the whole file */
    'catalog:products_imported': CatalogEvent & {
      created: number
      updated: number
      variants: number
    }
  }
}
