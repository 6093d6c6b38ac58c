import type { TenantSnapshot } from './services/tenant_context.js'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    storeMount?: { store: TenantSnapshot; basePath: string }
  }
}
