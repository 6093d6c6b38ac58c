import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { formatMoney, type Money } from '#core/mod'
import type Order from '../models/order.js'
import type OrderLine from '../models/order_line.js'
import { taxRateText } from '../services/checkout_totals.js'
import { regionName } from '../services/checkout_countries.js'

/**
 * An order just placed, told to the shopper (their confirmation, with the
 * link to follow it) or to the store's owner (a new order to prepare), in
 * the language given. Every amount is written out here: the queue carries
 * only text to the worker that renders the mail.
 */
export default class OrderPlacedMail extends BaseMail {
  constructor(
    private recipient: string,
    private audience: 'shopper' | 'owner',
    private storeName: string,
    private order: Order,
    private lines: OrderLine[],
    private url: string,
    private locale: string
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.locale)
    const order = this.order
    const show = (amount: bigint) =>
      formatMoney({ amount, currency: order.currency } satisfies Money, this.locale)
    const copy = `orders.mail.${this.audience}`
    const values = { store: this.storeName, number: order.number, name: order.customerName }
    const taxLabel = i18n.t(
      order.pricesIncludeTax ? 'orders.totals.tax_included' : 'orders.totals.tax_added',
      { rate: taxRateText(order.taxRateBp, this.locale) }
    )
    const data = {
      dir: this.locale === 'ar' ? 'rtl' : 'ltr',
      locale: this.locale,
      intro: i18n.t(`${copy}.intro`, values),
      lines: this.lines.map((line) => ({
        name: line.variantLabel ? `${line.title} (${line.variantLabel})` : line.title,
        quantity: line.quantity,
        total: show(line.lineTotalAmount),
      })),
      totals: [
        { label: i18n.t('orders.totals.subtotal'), value: show(order.subtotalAmount) },
        ...(order.discountCode && order.discountAmount > 0n
          ? [
              {
                label: i18n.t('orders.totals.discount', { code: order.discountCode }),
                value: `−${show(order.discountAmount)}`,
              },
            ]
          : []),
        { label: i18n.t('orders.totals.shipping'), value: show(order.shippingAmount) },
        ...(order.taxRateBp > 0 ? [{ label: taxLabel, value: show(order.taxAmount) }] : []),
        { label: i18n.t('orders.totals.total'), value: show(order.totalAmount) },
      ],
      payment: i18n.t('orders.payment.cash_on_delivery'),
      addressTitle: i18n.t('orders.fields.shipping_address'),
      address: [
        order.customerName,
        order.addressLine1,
        order.addressLine2,
        order.city,
        regionName(order.country, this.locale),
        order.phone,
      ].filter(Boolean),
      linkLabel: i18n.t(`${copy}.link`),
      url: this.url,
    }
    const textLines = [
      data.intro,
      '',
      ...data.lines.map((line) => `${line.name} × ${line.quantity}: ${line.total}`),
      '',
      ...data.totals.map((total) => `${total.label}: ${total.value}`),
      '',
      data.payment,
      '',
      data.addressTitle,
      ...data.address,
      '',
      `${data.linkLabel}: ${data.url}`,
    ]
    this.message
      .to(this.recipient)
      .subject(i18n.t(`${copy}.subject`, values))
      .htmlView('storefront/orders/mail', data)
      .textView('storefront/orders/mail_text', { textLines })
  }
}
