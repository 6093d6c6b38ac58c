import router from '@adonisjs/core/services/router'

const Health = () => import('./controllers/health_controller.js')

router.get('/health', [Health, 'live']).as('health.live')
router.get('/ready', [Health, 'ready']).as('health.ready')
