import db from '@adonisjs/lucid/services/db'
import { CreateProduct, CreateCategory, variantCombinations } from '#catalog/mod'
import { withTenant } from '#tenancy/mod'
import type { TestStore } from '#tests/helpers'
import type { User } from '#identity/mod'
import { formAs } from '../identity/support.js'

/**
 * A form as a browser sends it: lists of values as `name[]`, lists of
 * fields as `name[0][field]` (the test client would send neither).
 */
export function flat(form: Record<string, unknown>) {
  const fields: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(form)) {
    if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
      fields[`${name}[]`] = value
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        for (const [key, inner] of Object.entries(item as Record<string, unknown>)) {
          fields[`${name}[${index}][${key}]`] = inner
        }
      })
    } else {
      fields[name] = value
    }
  }
  return fields
}

/** formAs with the form flattened as a browser would send it */
export function sendForm(
  client: any,
  actor: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  form: Record<string, unknown> = {}
) {
  return formAs(client, actor, method, url, flat(form))
}

export const LIST = '/dashboard/catalog'
export const PRODUCTS = '/dashboard/catalog/products'
export const CATEGORIES = '/dashboard/catalog/categories'

/** A product form that passes validation (store currency USD unless changed) */
export function productForm(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Linen Shirt',
    handle: '',
    description: 'Cool in summer',
    status: 'active',
    categoryId: '',
    tags: 'summer, linen',
    trackStock: '1',
    price: '25.00',
    compareAt: '',
    cost: '10.00',
    sku: 'SHIRT',
    stock: '5',
    ...overrides,
  }
}

/** A product made through the operation, as store `fixture`, with one variant per combination */
export function seedProduct(
  fixture: TestStore,
  options: { title?: string; stock?: number; price?: bigint; sizes?: string[]; sku?: string } = {}
) {
  const productOptions = options.sizes ? [{ name: 'Size', values: options.sizes }] : []
  return withTenant(fixture.store, () =>
    new CreateProduct().handle({
      actorUserId: fixture.owner.id,
      title: options.title ?? 'Seeded Product',
      status: 'active',
      trackStock: true,
      options: productOptions,
      variants: variantCombinations(productOptions).map((values, index) => ({
        values,
        sku: options.sku ? (index === 0 ? options.sku : `${options.sku}-${index}`) : null,
        priceAmount: options.price ?? 1000n,
        compareAtAmount: null,
        costAmount: null,
        stock: options.stock ?? 10,
      })),
    })
  )
}

export function seedCategory(fixture: TestStore, name: string, parentId: string | null = null) {
  return withTenant(fixture.store, () =>
    new CreateCategory().handle({ actorUserId: fixture.owner.id, name, parentId })
  )
}

/** Everything of the catalog a store holds, read past row-level security */
export async function catalogOf(fixture: TestStore) {
  const platform = db.connection('platform')
  const where = { tenant_id: fixture.store.id }
  const products = await platform.from('products').where(where).orderBy('created_at').select('*')
  const variants = await platform
    .from('product_variants')
    .where(where)
    .orderBy('position')
    .select('*')
  const movements = await platform
    .from('stock_movements')
    .where(where)
    .orderBy('created_at')
    .select('*')
  const categories = await platform.from('categories').where(where).orderBy('position').select('*')
  return JSON.parse(JSON.stringify({ products, variants, movements, categories }))
}

export async function activitiesOf(fixture: TestStore, prefix = 'catalog.') {
  return db
    .connection('platform')
    .from('activities')
    .where('tenant_id', fixture.store.id)
    .where('action', 'like', `${prefix}%`)
    .orderBy('created_at', 'asc')
    .select('action', 'data', 'actor_user_id')
}
