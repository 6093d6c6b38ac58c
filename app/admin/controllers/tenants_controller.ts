import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { EMPTY_FORM, submitForm, type FormState } from '#core/mod'
import { BLUEPRINT_NAMES, newTenantRules } from '#tenancy/mod'
import { provisionStore } from '#identity/mod'
import { listTenantsWithMembers } from '../services/platform_directory.js'

const newTenantValidator = vine.compile(
  vine.object({
    name: newTenantRules.name,
    slug: newTenantRules.slug,
    blueprint: newTenantRules.blueprint,
    ownerEmail: vine.string().trim().toLowerCase().email().maxLength(254),
  })
)

export default class TenantsController {
  async #render(ctx: HttpContext, form: FormState) {
    const tenants = await listTenantsWithMembers()
    return ctx.view.render('admin/tenants', { tenants, form, blueprints: BLUEPRINT_NAMES })
  }

  async index(ctx: HttpContext) {
    return this.#render(ctx, EMPTY_FORM)
  }

  async store(ctx: HttpContext) {
    await submitForm(ctx, {
      validator: newTenantValidator,
      render: (form) => this.#render(ctx, form),
      action: (input) =>
        provisionStore({
          name: input.name,
          slug: input.slug,
          blueprint: input.blueprint,
          owner: { email: input.ownerEmail },
          existingOwner: 'attach',
        }),
    })
    return ctx.response.redirect().toRoute('admin.tenants.index')
  }
}
