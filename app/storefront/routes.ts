import type { RouteKit } from '#core/mod'

const Home = () => import('./controllers/home_controller.js')
const Categories = () => import('./controllers/categories_controller.js')
const Products = () => import('./controllers/products_controller.js')
const Searches = () => import('./controllers/searches_controller.js')
const Sitemaps = () => import('./controllers/sitemaps_controller.js')
const RobotsFiles = () => import('./controllers/robots_files_controller.js')
const UnknownPages = () => import('./controllers/unknown_pages_controller.js')
const StorePreviews = () => import('./controllers/store_previews_controller.js')

export default function storefrontRoutes({ router, middleware }: RouteKit) {
  router
    .group(() => {
      router.get('/', [Home, 'show']).as('home')
      router.get('/categories/:slug', [Categories, 'show']).as('categories.show')
      router.get('/products/:slug', [Products, 'show']).as('products.show')
      router.get('/search', [Searches, 'show']).as('search.show')
      router.get('/sitemap.xml', [Sitemaps, 'show']).as('sitemap.show')
      router.get('/robots.txt', [RobotsFiles, 'show']).as('robots.show')
    })
    .prefix('/s/:store')
    .as('storefront')
    .use(middleware.storefront())
}

/**
 * Any other address under a store: registered after every storefront route,
 * because the router tries routes in the order they were added.
 */
export function unknownStorePageRoute({ router, middleware }: RouteKit) {
  router
    .get('/s/:store/*', [UnknownPages, 'show'])
    .as('storefront.unknown')
    .use(middleware.storefront())
}

/**
 * The store's home page with the settings page's unsaved values, in that
 * page's frame: for the members who may change the settings (`store:manage`).
 */
export function storePreviewRoute({ router, middleware, web }: RouteKit) {
  router
    .get('/dashboard/storefront/preview', [StorePreviews, 'show'])
    .as('storefront_preview.show')
    .use([...web(), middleware.dashboard(), middleware.permits('store:manage')])
}
