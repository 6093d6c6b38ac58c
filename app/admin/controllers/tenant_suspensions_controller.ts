import type { HttpContext } from '@adonisjs/core/http'
import { ResumeStore, SuspendStore } from '#tenancy/mod'

export default class TenantSuspensionsController {
  async store({ params, response }: HttpContext) {
    await new SuspendStore().handle(String(params.slug))
    return response.redirect().toRoute('admin.tenants.index')
  }

  async destroy({ params, response }: HttpContext) {
    await new ResumeStore().handle(String(params.slug))
    return response.redirect().toRoute('admin.tenants.index')
  }
}
