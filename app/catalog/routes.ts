import type { RouteKit } from '#core/mod'

const Products = () => import('./controllers/products_controller.js')
const ProductBulkActions = () => import('./controllers/product_bulk_actions_controller.js')
const ProductDeletions = () => import('./controllers/product_deletions_controller.js')
const StockAdjustments = () => import('./controllers/stock_adjustments_controller.js')
const Categories = () => import('./controllers/categories_controller.js')
const CategoryPositions = () => import('./controllers/category_positions_controller.js')
const ProductImports = () => import('./controllers/product_imports_controller.js')
const ProductExports = () => import('./controllers/product_exports_controller.js')
const MediaUploads = () => import('./controllers/media_uploads_controller.js')
const ProductMedia = () => import('./controllers/product_media_controller.js')
const ProductMediaPositions = () => import('./controllers/product_media_positions_controller.js')
const MediaFiles = () => import('./controllers/media_files_controller.js')
const ApiProducts = () => import('./controllers/api/products_controller.js')
const ApiCategories = () => import('./controllers/api/categories_controller.js')

/**
 * The catalog in the dashboard shell: every member reads it
 * (`catalog:read`), and every role but finance changes it (`catalog:write`).
 * Ids in the URL are looked up inside the member's current store, so
 * another store's id is simply not found.
 */
export default function catalogRoutes({ router, middleware, web }: RouteKit) {
  const uuid = router.matchers.uuid()
  const permitted = (permission: string, routes: () => void) =>
    router.group(routes).use(middleware.permits(permission))

  router
    .group(() => {
      permitted('catalog:read', () => {
        router.get('/', [Products, 'index']).as('catalog.index')
        router.get('/products/:id/edit', [Products, 'edit']).as('products.edit')
        router.get('/categories', [Categories, 'index']).as('categories.index')
        router.get('/categories/:id/edit', [Categories, 'edit']).as('categories.edit')
        router.get('/products.csv', [ProductExports, 'show']).as('product_exports.show')
        router.get('/products/:product_id/media', [ProductMedia, 'index']).as('product_media.index')
      })
      permitted('catalog:write', () => {
        router.get('/products/create', [Products, 'create']).as('products.create')
        router.post('/products', [Products, 'store']).as('products.store')
        router
          .get('/product-imports/create', [ProductImports, 'create'])
          .as('product_imports.create')
        router.post('/product-imports', [ProductImports, 'store']).as('product_imports.store')
        router.get('/product-imports/:id', [ProductImports, 'show']).as('product_imports.show')
        router.put('/products/:id', [Products, 'update']).as('products.update')
        router
          .post('/product-bulk-actions', [ProductBulkActions, 'store'])
          .as('product_bulk_actions.store')
        router.post('/product-deletions', [ProductDeletions, 'store']).as('product_deletions.store')
        router
          .post('/variants/:id/stock-adjustments', [StockAdjustments, 'store'])
          .as('stock_adjustments.store')
        router.post('/categories', [Categories, 'store']).as('categories.store')
        router.put('/categories/:id', [Categories, 'update']).as('categories.update')
        router.delete('/categories/:id', [Categories, 'destroy']).as('categories.destroy')
        router
          .put('/categories/:id/position', [CategoryPositions, 'update'])
          .as('category_positions.update')
        router
          .post('/products/:product_id/media-uploads', [MediaUploads, 'store'])
          .as('media_uploads.store')
        router
          .post('/products/:product_id/media', [ProductMedia, 'store'])
          .as('product_media.store')
        router
          .put('/products/:product_id/media/:id', [ProductMedia, 'update'])
          .as('product_media.update')
        router
          .delete('/products/:product_id/media/:id', [ProductMedia, 'destroy'])
          .as('product_media.destroy')
        router
          .put('/products/:product_id/media/:id/position', [ProductMediaPositions, 'update'])
          .as('product_media_positions.update')
      })
    })
    .where('id', uuid)
    .where('product_id', uuid)
    .prefix('/dashboard/catalog')
    .use([...web(), middleware.dashboard()])

  /*
   * Outside the dashboard: the signed upload URL (its signature is the
   * permission, so it carries no session or CSRF token) and the generated
   * images, public and named by their content.
   */
  router
    .put('/media-uploads/:tenantId/:uploadId', [MediaUploads, 'update'])
    .as('media_uploads.update')
    .where('tenantId', uuid)
    .where('uploadId', uuid)
  router
    .get('/media/:tenantId/:name', [MediaFiles, 'show'])
    .as('media_files.show')
    .where('tenantId', uuid)

  const reading = middleware.apiToken('catalog:read')
  const writing = middleware.apiToken('catalog:write')
  router
    .group(() => {
      router.get('/products', [ApiProducts, 'index']).as('products.index').use(reading)
      router.get('/products/:id', [ApiProducts, 'show']).as('products.show').use(reading)
      router.post('/products', [ApiProducts, 'store']).as('products.store').use(writing)
      router.put('/products/:id', [ApiProducts, 'update']).as('products.update').use(writing)
      router.get('/categories', [ApiCategories, 'index']).as('categories.index').use(reading)
      router.get('/categories/:id', [ApiCategories, 'show']).as('categories.show').use(reading)
      router.post('/categories', [ApiCategories, 'store']).as('categories.store').use(writing)
    })
    .where('id', uuid)
    .prefix('/api/v1')
    .as('api')
}
