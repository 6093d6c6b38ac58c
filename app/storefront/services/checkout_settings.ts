import { money, type Money } from '#core/mod'
import { currentTenant, inUnitOfWork } from '#tenancy/mod'
import StorefrontSetting from '../models/storefront_setting.js'

export interface CheckoutSettings {
  /** The flat shipping rate, in the store's currency unless set otherwise */
  shipping: Money
  /** 500 is 5 % */
  taxRateBp: number
  /** Prices are entered and shown with the tax in them (Gulf VAT) */
  pricesIncludeTax: boolean
}

/** Gulf currencies: prices there are entered and shown with VAT in them */
const GULF_CURRENCIES = new Set(['AED', 'BHD', 'KWD', 'OMR', 'QAR', 'SAR'])

/**
 * The current store's shipping and tax. A store that never set them ships
 * free and adds no tax, its prices counted with the tax in them in the Gulf
 * and without it elsewhere.
 */
export async function checkoutSettings(): Promise<CheckoutSettings> {
  const tenant = currentTenant()
  const row = await inUnitOfWork(() => StorefrontSetting.query().first())
  return {
    shipping: money(row?.shippingAmount ?? 0n, row?.shippingCurrency ?? tenant.defaultCurrency),
    taxRateBp: row?.taxRateBp ?? 0,
    pricesIncludeTax: row?.pricesIncludeTax ?? GULF_CURRENCIES.has(tenant.defaultCurrency),
  }
}
