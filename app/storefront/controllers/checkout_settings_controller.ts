import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import {
  EMPTY_FORM,
  Invalid,
  MoneyInputError,
  flashMessage,
  parseMoney,
  toDecimalString,
  wantsJson,
  type FormState,
} from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import UpdateCheckoutSettings from '../operations/update_checkout_settings.js'
import { checkoutSettings } from '../services/checkout_settings.js'
import {
  basisPointsOf,
  checkoutSettingsValidator,
  submitOrderForm,
} from '../validators/orders_validators.js'
import { say } from '../orders_messages.js'
import { cardPaymentsStatus, storeWebhookUrl } from '../services/card_payments.js'

export async function renderSettings(
  ctx: HttpContext,
  form: FormState = EMPTY_FORM,
  cardForm: FormState = EMPTY_FORM
) {
  const settings = await checkoutSettings()
  const currency = currentTenant().defaultCurrency
  return ctx.view.render('orders/settings', {
    form,
    cardForm,
    cardPayments: await cardPaymentsStatus(),
    webhookUrl: storeWebhookUrl(currentTenant().id),
    currency,
    values: {
      shipping: settings.shipping.currency === currency ? toDecimalString(settings.shipping) : '',
      taxRate: String(settings.taxRateBp / 100),
      pricesIncludeTax: settings.pricesIncludeTax,
    },
  })
}

/** The store's shipping rate and tax, in the dashboard beside its orders */
export default class CheckoutSettingsController {
  async edit(ctx: HttpContext) {
    return renderSettings(ctx)
  }

  async update(ctx: HttpContext) {
    const currency = currentTenant().defaultCurrency
    await submitOrderForm(ctx, {
      validator: checkoutSettingsValidator,
      render: (form) => renderSettings(ctx, form),
      action: (payload) => {
        const taxRateBp = basisPointsOf(payload.taxRate)
        if (taxRateBp === null) throw new Invalid(say('invalid.taxRate'), 'taxRate')
        let shipping
        try {
          shipping = parseMoney(payload.shipping || '0', currency, ctx.i18n.locale)
        } catch (error) {
          if (error instanceof MoneyInputError)
            throw new Invalid(say('invalid.shipping'), 'shipping')
          throw error
        }
        return new UpdateCheckoutSettings().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          shipping,
          taxRateBp,
          pricesIncludeTax: payload.pricesIncludeTax ?? false,
        })
      },
    })
    if (wantsJson(ctx)) return { saved: true }
    flashMessage(ctx, 'success', say('settings.saved'))
    return ctx.response.redirect(router.makeUrl('checkout_settings.edit'))
  }
}
