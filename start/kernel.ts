import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#core/exceptions/handler'))

server.use([
  () => import('#core/middleware/container_bindings_middleware'),
  () => import('#core/middleware/request_log_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('#core/middleware/security_headers_middleware'),
  () => import('#core/middleware/locale_middleware'),
  () => import('#tenancy/middleware/store_host_middleware'),
])

router.use([() => import('@adonisjs/core/bodyparser_middleware')])

export const middleware = router.named({
  session: () => import('@adonisjs/session/session_middleware'),
  csrf: () => import('#core/middleware/csrf_middleware'),
  initializeAuth: () => import('@adonisjs/auth/initialize_auth_middleware'),
  throttle: () => import('#core/middleware/throttle_middleware'),
  storefront: () => import('#tenancy/middleware/storefront_tenant_middleware'),
  dashboard: () => import('#identity/middleware/dashboard_middleware'),
  permits: () => import('#identity/middleware/permits_middleware'),
  apiToken: () => import('#identity/middleware/api_token_middleware'),
  platformAdmin: () => import('#admin/middleware/platform_admin_middleware'),
})

/**
 * What the platform's own pages need: a session, CSRF protection and the
 * signed-in user. Storefront pages, the JSON API and health checks go
 * without, so they set no cookie.
 */
export function web() {
  return [middleware.session(), middleware.csrf(), middleware.initializeAuth()]
}
