import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { Membership, User, provisionStore } from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import Tenant from '#tenancy/models/tenant'
import {
  CreateCategory,
  CreateProduct,
  hasProducts,
  variantCombinations,
  variantSku,
} from '#catalog/mod'

export const DEMO_PASSWORD = 'bazaar-demo-123'

const DEMO_TEAM = [
  { email: 'admin@demo.test', fullName: 'Dana Admin', role: 'admin' as const },
  { email: 'finance@demo.test', fullName: 'Faris Finance', role: 'finance' as const },
  { email: 'member@demo.test', fullName: 'Mona Member', role: 'member' as const },
]

/** Demo accounts sign in with the demo password, so their addresses count as proven */
async function ensureUser(email: string, fullName: string, isPlatformAdmin = false) {
  const existing = await User.findBy('email', email)
  if (existing) {
    if (!existing.emailVerifiedAt) await existing.merge({ emailVerifiedAt: DateTime.utc() }).save()
    return existing
  }
  const emailVerifiedAt = DateTime.utc()
  return User.create({ email, fullName, password: DEMO_PASSWORD, isPlatformAdmin, emailVerifiedAt })
}

async function ensureStore(slug: string, name: string, ownerEmail: string, blueprint: string) {
  const existing = await Tenant.findBy('slug', slug)
  if (existing) return existing.toSnapshot()
  await ensureUser(ownerEmail, `${name} Owner`)
  const { tenant } = await provisionStore({
    name,
    slug,
    blueprint,
    owner: { email: ownerEmail },
    existingOwner: 'attach',
  })
  return tenant
}

const DEMO_CATEGORIES = ['Clothing', 'Home', 'Coffee'] as const

/** [title, category, price in cents, options, stock per variant] */
const DEMO_PRODUCTS: [
  string,
  (typeof DEMO_CATEGORIES)[number],
  number,
  [string, string[]][],
  number,
][] = [
  [
    'Linen Shirt',
    'Clothing',
    4500,
    [
      ['Size', ['S', 'M', 'L']],
      ['Colour', ['White', 'Sand']],
    ],
    6,
  ],
  ['Cotton Tee', 'Clothing', 1800, [['Size', ['S', 'M', 'L', 'XL']]], 12],
  ['Wool Scarf', 'Clothing', 3200, [['Colour', ['Grey', 'Navy', 'Rust']]], 4],
  ['Canvas Tote', 'Clothing', 2200, [], 20],
  ['Denim Jacket', 'Clothing', 8900, [['Size', ['M', 'L']]], 3],
  ['Ceramic Mug', 'Home', 1400, [['Colour', ['Cream', 'Olive']]], 15],
  ['Olive Wood Board', 'Home', 3800, [], 5],
  ['Brass Candle Holder', 'Home', 2600, [], 0],
  ['Cushion Cover', 'Home', 2100, [['Colour', ['Indigo', 'Saffron']]], 8],
  ['Arabica Beans 250 g', 'Coffee', 1600, [['Grind', ['Whole', 'Filter', 'Espresso']]], 25],
  ['Cardamom Coffee 500 g', 'Coffee', 2400, [], 10],
  ['Dallah Coffee Pot', 'Coffee', 5400, [['Size', ['Small', 'Large']]], 2],
]

/** A few categories and a dozen products with sizes and colours, once */
async function seedCatalog(store: TenantSnapshot) {
  await withTenant(store, async () => {
    if (await hasProducts()) return
    const categories = new Map<string, string>()
    for (const name of DEMO_CATEGORIES) {
      const category = await new CreateCategory().handle({ actorUserId: null, name })
      categories.set(name, category.id)
    }
    for (const [index, [title, category, cents, optionList, stock]] of DEMO_PRODUCTS.entries()) {
      const options = optionList.map(([name, values]) => ({ name, values }))
      const sku = `DEMO-${String(index + 1).padStart(2, '0')}`
      await new CreateProduct().handle({
        actorUserId: null,
        title,
        description: `${title}, from the demo catalog.`,
        status: index === 7 ? 'draft' : 'active',
        categoryId: categories.get(category) ?? null,
        tags: [category.toLowerCase()],
        trackStock: true,
        options,
        variants: variantCombinations(options).map((values) => ({
          values,
          sku: options.length ? variantSku(sku, values) : sku,
          priceAmount: BigInt(cents),
          compareAtAmount: null,
          costAmount: BigInt(Math.round(cents * 0.45)),
          stock,
        })),
      })
    }
  })
}

/**
 * Demo data, safe to run again: it only adds what is missing.
 */
export default class DemoSeeder extends BaseSeeder {
  async run() {
    await ensureUser('admin@bazaar.test', 'Platform Admin', true)
    const demo = await ensureStore('demo', 'Demo Store', 'owner@demo.test', 'classic')
    await ensureStore('acme', 'Acme Souq', 'owner@acme.test', 'souq')

    for (const person of DEMO_TEAM) {
      const user = await ensureUser(person.email, person.fullName)
      await withTenant(demo, async () => {
        if (!(await Membership.findBy('userId', user.id))) {
          await Membership.create({ userId: user.id, role: person.role })
        }
      })
    }
    await seedCatalog(demo)
  }
}
