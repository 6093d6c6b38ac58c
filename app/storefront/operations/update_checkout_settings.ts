import emitter from '@adonisjs/core/services/emitter'
import { Invalid, type Money } from '#core/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import { say } from '../orders_messages.js'

export interface UpdateCheckoutSettingsInput {
  actorUserId: string | null
  /** The flat shipping rate, in the store's currency */
  shipping: Money
  /** 500 is 5 % */
  taxRateBp: number
  pricesIncludeTax: boolean
}

/** The store's flat shipping rate and tax, used by every checkout from now on */
export default class UpdateCheckoutSettings {
  async handle(input: UpdateCheckoutSettingsInput) {
    const tenant = currentTenant()
    if (!Number.isInteger(input.taxRateBp) || input.taxRateBp < 0 || input.taxRateBp > 10_000) {
      throw new Invalid(say('invalid.taxRate'), 'taxRate')
    }
    if (input.shipping.amount < 0n) throw new Invalid(say('invalid.shipping'), 'shipping')
    await currentClient().rawQuery(
      `INSERT INTO storefront_settings
         (tenant_id, shipping_amount, shipping_currency, tax_rate_bp, prices_include_tax)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET
         shipping_amount = EXCLUDED.shipping_amount,
         shipping_currency = EXCLUDED.shipping_currency,
         tax_rate_bp = EXCLUDED.tax_rate_bp,
         prices_include_tax = EXCLUDED.prices_include_tax,
         updated_at = now()`,
      [
        tenant.id,
        input.shipping.amount.toString(),
        input.shipping.currency,
        input.taxRateBp,
        input.pricesIncludeTax,
      ]
    )
    await emitter.emit('storefront:checkout_settings_changed', {
      tenantId: tenant.id,
      actorUserId: input.actorUserId,
      shipping: input.shipping,
      taxRateBp: input.taxRateBp,
      pricesIncludeTax: input.pricesIncludeTax,
    })
  }
}
