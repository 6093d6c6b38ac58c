import type { HttpContext } from '@adonisjs/core/http'
import { resumeTenant, suspendTenant } from '#tenancy/mod'

export default class TenantSuspensionsController {
  async store({ params, response }: HttpContext) {
    await suspendTenant(String(params.slug))
    return response.redirect().toRoute('admin.tenants.index')
  }

  async destroy({ params, response }: HttpContext) {
    await resumeTenant(String(params.slug))
    return response.redirect().toRoute('admin.tenants.index')
  }
}
