import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, Invalid, submitForm, type FormState, validate } from '#core/mod'
import { BLUEPRINT_NAMES, DeleteStore, currentTenant } from '#tenancy/mod'
import { newStoreValidator, storeDeletionValidator } from '../validators/identity_validators.js'
import { provisionStore } from '../services/provision_store.js'
import { rememberCurrentStore } from '../middleware/dashboard_middleware.js'
import { requireSignedIn } from '../services/web_sessions.js'

export default class StoresController {
  #render(ctx: HttpContext, form: FormState) {
    return ctx.view.render('identity/stores/create', { form, blueprints: BLUEPRINT_NAMES })
  }

  async create(ctx: HttpContext) {
    await requireSignedIn(ctx)
    return this.#render(ctx, EMPTY_FORM)
  }

  async store(ctx: HttpContext) {
    const user = await requireSignedIn(ctx)
    const { tenant } = await submitForm(ctx, {
      validator: newStoreValidator,
      render: (form) => this.#render(ctx, form),
      action: (input) =>
        provisionStore({
          name: input.storeName,
          slug: input.slug,
          blueprint: input.blueprint,
          locale: ctx.i18n.locale,
          owner: { email: user.email },
          existingOwner: 'attach',
        }),
    })
    rememberCurrentStore(ctx, tenant.id)
    return ctx.response.redirect().toRoute('dashboard.show')
  }

  async destroy(ctx: HttpContext) {
    await ctx.bouncer.authorize('store:delete')
    const store = currentTenant()
    const { confirmSlug } = await validate(ctx, storeDeletionValidator)
    if (confirmSlug !== store.slug) {
      throw new Invalid(
        ctx.i18n.t('identity.stores.confirm_mismatch', { slug: store.slug }),
        'confirmSlug'
      )
    }
    await new DeleteStore().handle(store.slug)
    ctx.session.forget('currentTenantId')
    return ctx.response.redirect().toRoute('dashboard.show')
  }
}
