import type { HttpContext } from '@adonisjs/core/http'
import { NotFound, validate } from '#core/mod'
import { currentStoreValidator } from '../validators/identity_validators.js'
import { storesOf } from '../services/user_stores.js'
import { rememberCurrentStore } from '../middleware/dashboard_middleware.js'
import { requireSignedIn } from '../services/web_sessions.js'

export default class CurrentStoreController {
  async update(ctx: HttpContext) {
    const user = await requireSignedIn(ctx)
    const { tenantId } = await validate(ctx, currentStoreValidator)
    const stores = await storesOf(user.id)
    if (!stores.some((store) => store.tenantId === tenantId)) {
      throw new NotFound(ctx.i18n.t('identity.stores.not_a_member'))
    }
    rememberCurrentStore(ctx, tenantId)
    return ctx.response.redirect().toRoute('dashboard.show')
  }
}
