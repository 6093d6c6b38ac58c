import './events.js'
import { countRows, defineModule, registerUsageCount } from '#core/mod'
import { ROLES } from '#identity/mod'
import catalogRoutes from './routes.js'
import Product from './models/product.js'
import { hasProducts } from './queries/products.js'
import { lowStockOverview } from './queries/low_stock.js'

export type { CatalogEvent, ProductEvent, StockChangeReason } from './events.js'
export { default as ChangeVariantPrice } from './operations/change_variant_price.js'
export type { ChangeVariantPriceInput, PriceChange } from './operations/change_variant_price.js'
export { default as CreateProduct } from './operations/create_product.js'
export type { CreateProductInput, NewVariant } from './operations/create_product.js'
export { default as CreateCategory } from './operations/create_category.js'
export { default as AdjustStock } from './operations/adjust_stock.js'
export { default as ReserveStock, OutOfStock } from './operations/reserve_stock.js'
export type { StockLine, ReserveStockInput } from './operations/reserve_stock.js'
export { default as ReturnStock } from './operations/return_stock.js'
export { variantsForCart } from './queries/cart.js'
export type { CartVariant } from './queries/cart.js'
export { variantCombinations, variantSku } from './services/variant_options.js'
export { hasProducts } from './queries/products.js'
export { readyPictures } from './queries/media.js'
export { seedDemoProductImages } from './services/demo_media.js'
export type { Picture } from './queries/media.js'
export {
  SHOP_SORTS,
  categoryWithDescendants,
  featuredProducts,
  productsInCategories,
  searchProducts,
  searchText,
  shopCategories,
  shopProduct,
  sitemapEntries,
} from './queries/storefront.js'
export type {
  ShopCategory,
  ShopPage,
  ShopProduct,
  ShopProductCard,
  ShopSort,
  ShopVariant,
  SitemapEntries,
} from './queries/storefront.js'

const CatalogActivity = () => import('./listeners/record_catalog_activity.js')

/** Catalog: categories, products, their variants and stock. */
export const catalogModule = defineModule({
  name: 'catalog',
  dependsOn: ['core', 'tenancy', 'identity'],
  tables: ['categories', 'products', 'product_variants', 'stock_movements', 'product_media'],
  routes: catalogRoutes,
  jobs: [
    () => import('./jobs/import_products_job.js'),
    () => import('./jobs/process_product_media_job.js'),
  ],
  navigation: {
    dashboard: [{ key: 'catalog', route: 'catalog.index', can: 'catalog:read' }],
  },
  permissions: { 'catalog:read': ROLES, 'catalog:write': ['owner', 'admin', 'member'] },
  tokenAbilities: { 'catalog:read': 'catalog:read', 'catalog:write': 'catalog:write' },
  setupSteps: [
    {
      id: 'add-product',
      label: 'dashboard.setup.steps.product',
      link: 'catalog.index',
      can: 'catalog:read',
      order: 10,
      isDone: hasProducts,
    },
  ],
  overviewPanels: [
    {
      id: 'low-stock',
      view: 'catalog/overview_low_stock',
      can: 'catalog:read',
      order: 20,
      load: lowStockOverview,
    },
  ],
  listeners: {
    'catalog:product_created': [[CatalogActivity, 'productCreated']],
    'catalog:product_updated': [[CatalogActivity, 'productUpdated']],
    'catalog:product_deleted': [[CatalogActivity, 'productDeleted']],
    'catalog:price_changed': [[CatalogActivity, 'priceChanged']],
    'catalog:stock_changed': [[CatalogActivity, 'stockChanged']],
    'catalog:category_changed': [[CatalogActivity, 'categoryChanged']],
    'catalog:products_imported': [[CatalogActivity, 'productsImported']],
  },
  boot() {
    // Shown against the plan's caps on the billing page: the count the cap checks
    registerUsageCount('products', () => countRows(Product.query().count('* as total')))
  },
})
