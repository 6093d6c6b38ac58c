import type { RouteKit } from '#core/mod'

const Home = () => import('./controllers/home_controller.js')

export default function storefrontRoutes({ router, middleware }: RouteKit) {
  router
    .group(() => {
      router.get('/', [Home, 'show']).as('home')
    })
    .prefix('/s/:store')
    .as('storefront')
    .use(middleware.storefront())
}
