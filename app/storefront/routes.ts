import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const Home = () => import('./controllers/home_controller.js')

router
  .group(() => {
    router.get('/', [Home, 'show']).as('home')
  })
  .prefix('/s/:store')
  .as('storefront')
  .use(middleware.storefront())
