import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import vine, { errors as vineErrors } from '@vinejs/vine'
import { FormRejected, NotFound, fieldErrorsOf, flashMessage, validate, wantsJson } from '#core/mod'
import { RemoveCardPaymentKeys, SaveCardPaymentKeys } from '../operations/card_payment_keys.js'
import { sayCard } from '../services/card_payments.js'
import { renderSettings } from './checkout_settings_controller.js'

const keysValidator = vine.compile(
  vine.object({
    secretKey: vine.string().trim().minLength(1).maxLength(255),
    webhookSecret: vine.string().trim().minLength(1).maxLength(255),
  })
)

/**
 * The store's Stripe keys for card payments, on the checkout settings page:
 * set or replaced (update), removed (destroy). A refused form comes back
 * with the message beside the field and nothing typed in it: keys are
 * never sent back to the browser.
 */
export default class CardPaymentSettingsController {
  async update(ctx: HttpContext) {
    try {
      const payload = await validate(ctx, keysValidator)
      await new SaveCardPaymentKeys().handle({
        actorUserId: ctx.auth.user?.id ?? null,
        secretKey: payload.secretKey,
        webhookSecret: payload.webhookSecret,
      })
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        for (const message of error.messages as { field: string; message: string }[]) {
          message.message = sayCard(
            `invalid.${message.field === 'webhookSecret' ? 'webhookSecret' : 'secretKey'}`
          )
        }
      }
      const fieldErrors = fieldErrorsOf(error)
      if (!fieldErrors || wantsJson(ctx)) throw error
      const errors = Object.fromEntries(
        fieldErrors.map(({ field, message }) => [field ?? 'form', message])
      )
      throw new FormRejected(await renderSettings(ctx, undefined, { errors, old: {} }))
    }
    if (wantsJson(ctx)) return { saved: true }
    flashMessage(ctx, 'success', sayCard('saved'))
    return ctx.response.redirect(`${router.makeUrl('checkout_settings.edit')}#card-payments`)
  }

  async destroy(ctx: HttpContext) {
    const removed = await new RemoveCardPaymentKeys().handle({
      actorUserId: ctx.auth.user?.id ?? null,
    })
    if (wantsJson(ctx)) {
      if (!removed) throw new NotFound(sayCard('not_configured'))
      return { removed }
    }
    flashMessage(ctx, 'success', sayCard(removed ? 'removed' : 'not_configured'))
    return ctx.response.redirect(`${router.makeUrl('checkout_settings.edit')}#card-payments`)
  }
}
