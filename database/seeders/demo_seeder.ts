import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { Membership, User, provisionStore } from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import Tenant from '#tenancy/models/tenant'
import { seedDemoWorkspace } from '#workspace/mod'
import SetPlan from '#billing/operations/set_plan'
import { seedDemoOrders, seedDemoVisits } from '#storefront/mod'
import {
  CreateCategory,
  CreateProduct,
  seedDemoProductImages,
  variantCombinations,
  variantSku,
} from '#catalog/mod'
import Category from '#catalog/models/category'
import Product from '#catalog/models/product'

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

/** [title, category, price in minor units, options, stock per variant] */
type DemoProduct = [string, string, number, [string, string[]][], number]

interface DemoCatalog {
  skuPrefix: string
  categories: string[]
  products: DemoProduct[]
  /** The product left as a draft, by index */
  draft: number
}

const SIZES: [string, string[]] = ['Size', ['S', 'M', 'L']]

/** The demo store: forty products in US dollars (cents) */
const DEMO_CATALOG: DemoCatalog = {
  skuPrefix: 'DEMO',
  categories: ['Clothing', 'Home', 'Coffee', 'Stationery', 'Accessories'],
  draft: 7,
  products: [
    ['Linen Shirt', 'Clothing', 4500, [SIZES, ['Colour', ['White', 'Sand']]], 6],
    ['Cotton Tee', 'Clothing', 1800, [['Size', ['S', 'M', 'L', 'XL']]], 12],
    ['Wool Scarf', 'Clothing', 3200, [['Colour', ['Grey', 'Navy', 'Rust']]], 4],
    ['Canvas Tote', 'Accessories', 2200, [], 20],
    ['Denim Jacket', 'Clothing', 8900, [['Size', ['M', 'L']]], 3],
    ['Ceramic Mug', 'Home', 1400, [['Colour', ['Cream', 'Olive']]], 15],
    ['Olive Wood Board', 'Home', 3800, [], 5],
    ['Brass Candle Holder', 'Home', 2600, [], 0],
    ['Cushion Cover', 'Home', 2100, [['Colour', ['Indigo', 'Saffron']]], 8],
    ['Arabica Beans 250 g', 'Coffee', 1600, [['Grind', ['Whole', 'Filter', 'Espresso']]], 25],
    ['Cardamom Coffee 500 g', 'Coffee', 2400, [], 10],
    ['Dallah Coffee Pot', 'Coffee', 5400, [['Size', ['Small', 'Large']]], 2],
    ['Hooded Sweatshirt', 'Clothing', 5200, [SIZES], 7],
    ['Linen Trousers', 'Clothing', 4900, [SIZES], 5],
    ['Embroidered Kaftan', 'Clothing', 11900, [['Size', ['M', 'L']]], 2],
    ['Silk Pocket Square', 'Accessories', 1900, [['Colour', ['Gold', 'Teal']]], 9],
    ['Leather Belt', 'Accessories', 3500, [['Size', ['85', '95', '105']]], 6],
    ['Woven Basket', 'Home', 2900, [], 11],
    ['Table Runner', 'Home', 2700, [['Colour', ['Natural', 'Charcoal']]], 6],
    ['Glass Tea Set', 'Home', 4400, [], 4],
    ['Copper Tray', 'Home', 3900, [], 3],
    ['Cold Brew Bottle', 'Coffee', 2800, [], 14],
    ['Ethiopian Yirgacheffe 250 g', 'Coffee', 1900, [['Grind', ['Whole', 'Filter']]], 18],
    ['Hand Grinder', 'Coffee', 6400, [], 5],
    ['Pour-Over Kettle', 'Coffee', 5900, [], 4],
    ['Dotted Notebook', 'Stationery', 1200, [['Colour', ['Black', 'Sage', 'Clay']]], 30],
    ['Fountain Pen', 'Stationery', 4200, [], 8],
    ['Ink Bottle', 'Stationery', 900, [['Colour', ['Blue', 'Black']]], 22],
    ['Desk Calendar', 'Stationery', 1500, [], 16],
    ['Letterpress Cards', 'Stationery', 1100, [], 40],
    ['Leather Card Holder', 'Accessories', 2900, [['Colour', ['Tan', 'Black']]], 10],
    ['Straw Hat', 'Accessories', 3300, [['Size', ['M', 'L']]], 6],
    ['Beaded Bracelet', 'Accessories', 1700, [], 25],
    ['Sunglasses', 'Accessories', 6900, [], 0],
    ['Scented Candle', 'Home', 2400, [['Scent', ['Oud', 'Rose', 'Amber']]], 12],
    ['Linen Napkins (4)', 'Home', 2200, [], 9],
    ['Espresso Cups (2)', 'Coffee', 2000, [], 7],
    ['Wool Beanie', 'Clothing', 2300, [['Colour', ['Grey', 'Mustard']]], 10],
    ['Rain Jacket', 'Clothing', 9900, [SIZES], 4],
    ['Travel Journal', 'Stationery', 2600, [], 12],
  ],
}

/** The second demo store sells in Kuwaiti dinars (fils: three decimals), in Arabic */
const ACME_CATALOG: DemoCatalog = {
  skuPrefix: 'ACME',
  categories: ['عطور', 'بخور', 'قهوة وتمور'],
  draft: 9,
  products: [
    ['دهن عود كمبودي', 'عطور', 45500, [['الحجم', ['3 مل', '6 مل']]], 5],
    ['عطر ورد طائفي', 'عطور', 18750, [], 8],
    ['مسك أبيض', 'عطور', 6250, [], 20],
    ['عطر عنبر وزعفران', 'عطور', 24125, [['الحجم', ['50 مل', '100 مل']]], 6],
    ['بخور معمول', 'بخور', 7500, [], 15],
    ['دخون ملكي', 'بخور', 12000, [['الوزن', ['50 غ', '100 غ']]], 9],
    ['مبخرة نحاسية', 'بخور', 16900, [], 3],
    ['قهوة عربية بالهيل 500 غ', 'قهوة وتمور', 4750, [['التحميص', ['شقراء', 'متوسطة']]], 25],
    ['تمر خلاص 1 كغ', 'قهوة وتمور', 3500, [], 30],
    ['دلة قهوة مذهبة', 'قهوة وتمور', 13500, [], 4],
    ['فناجين قهوة (6)', 'قهوة وتمور', 5875, [], 12],
  ],
}

/**
 * The third demo store, on the boutique theme, sells in euros (cents). Its
 * tee, mug and tote carry the titles the demo orders and visits are made
 * from (seedDemoOrders buys them by slug), so it gets orders of its own.
 */
const BOUTIQUE_CATALOG: DemoCatalog = {
  skuPrefix: 'MAIS',
  categories: ['Clothing', 'Knitwear', 'Accessories', 'Home'],
  draft: 11,
  products: [
    ['Cotton Tee', 'Clothing', 3500, [['Size', ['XS', 'S', 'M', 'L']]], 10],
    ['Silk Slip Dress', 'Clothing', 14900, [SIZES, ['Colour', ['Ivory', 'Black']]], 3],
    ['Linen Wrap Dress', 'Clothing', 11900, [SIZES], 4],
    ['Merino Cardigan', 'Knitwear', 12500, [SIZES, ['Colour', ['Oat', 'Forest']]], 5],
    ['Cashmere Beanie', 'Knitwear', 6900, [['Colour', ['Camel', 'Charcoal']]], 8],
    ['Canvas Tote', 'Accessories', 2900, [], 15],
    ['Leather Crossbody Bag', 'Accessories', 18900, [['Colour', ['Cognac', 'Black']]], 2],
    ['Gold Hoop Earrings', 'Accessories', 5900, [], 12],
    ['Ceramic Mug', 'Home', 2400, [['Colour', ['Blush', 'Speckled White']]], 14],
    ['Hand-Poured Candle', 'Home', 3200, [['Scent', ['Fig', 'Neroli', 'Cedar']]], 9],
    ['Linen Cushion Cover', 'Home', 3900, [], 0],
    ['Pleated Midi Skirt', 'Clothing', 9900, [SIZES], 6],
  ],
}

/** The catalog's categories and products; what a store already has (by name, by title) is kept */
async function seedCatalog(store: TenantSnapshot, catalog: DemoCatalog) {
  await withTenant(store, async () => {
    const known = await Category.query().select('id', 'name')
    const categories = new Map(known.map((category) => [category.name, category.id]))
    for (const name of catalog.categories) {
      if (categories.has(name)) continue
      const category = await new CreateCategory().handle({ actorUserId: null, name })
      categories.set(name, category.id)
    }
    const existing = await Product.query().select('title')
    const titles = new Set(existing.map((product) => product.title))
    for (const [index, [title, category, minor, optionList, stock]] of catalog.products.entries()) {
      if (titles.has(title)) continue
      const options = optionList.map(([name, values]) => ({ name, values }))
      const sku = `${catalog.skuPrefix}-${String(index + 1).padStart(2, '0')}`
      await new CreateProduct().handle({
        actorUserId: null,
        title,
        description: `${title}.`,
        status: index === catalog.draft ? 'draft' : 'active',
        categoryId: categories.get(category) ?? null,
        tags: [category.toLocaleLowerCase()],
        trackStock: true,
        options,
        variants: variantCombinations(options).map((values) => ({
          values,
          sku: options.length ? variantSku(sku, values) : sku,
          priceAmount: BigInt(minor),
          compareAtAmount: null,
          costAmount: BigInt(Math.round(minor * 0.45)),
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
    const acme = await ensureStore('acme', 'Acme Souq', 'owner@acme.test', 'souq')
    const maison = await ensureStore('maison', 'Maison Boutique', 'owner@maison.test', 'boutique')

    for (const person of DEMO_TEAM) {
      const user = await ensureUser(person.email, person.fullName)
      await withTenant(demo, async () => {
        if (!(await Membership.findBy('userId', user.id))) {
          await Membership.create({ userId: user.id, role: person.role })
        }
      })
    }
    // The demo catalogs are larger than the free plan's cap on products
    await new SetPlan().handle(demo, 'pro')
    await new SetPlan().handle(acme, 'pro')
    await seedCatalog(demo, DEMO_CATALOG)
    await seedCatalog(acme, ACME_CATALOG)
    // Twelve products stay within the free plan: one demo store shows the free plan's caps
    await seedCatalog(maison, BOUTIQUE_CATALOG)
    for (const store of [demo, acme, maison]) await withTenant(store, () => seedDemoProductImages())
    await withTenant(demo, () => seedDemoWorkspace())
    for (const store of [demo, maison]) {
      await withTenant(store, () => seedDemoOrders())
      await withTenant(store, () => seedDemoVisits())
    }
  }
}
