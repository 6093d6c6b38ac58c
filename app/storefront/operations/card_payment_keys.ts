import emitter from '@adonisjs/core/services/emitter'
import { Invalid } from '#core/mod'
import { currentClient, currentTenant, inUnitOfWork } from '#tenancy/mod'
import StoreCardPayment from '../models/store_card_payment.js'
import {
  SECRET_KEY_PATTERN,
  WEBHOOK_SECRET_PATTERN,
  encryptSecret,
  sayCard,
} from '../services/card_payments.js'

export interface SaveCardPaymentKeysInput {
  actorUserId: string | null
  secretKey: string
  webhookSecret: string
}

/**
 * Sets (or replaces) the store's Stripe keys, encrypted; from now on its
 * checkout offers card payment beside pay on delivery.
 */
export class SaveCardPaymentKeys {
  async handle(input: SaveCardPaymentKeysInput) {
    if (!SECRET_KEY_PATTERN.test(input.secretKey)) {
      throw new Invalid(sayCard('invalid.secretKey'), 'secretKey')
    }
    if (!WEBHOOK_SECRET_PATTERN.test(input.webhookSecret)) {
      throw new Invalid(sayCard('invalid.webhookSecret'), 'webhookSecret')
    }
    return inUnitOfWork(async () => {
      const tenant = currentTenant()
      const keyLast4 = input.secretKey.slice(-4)
      // One statement, so two saves at once leave one row; xmax tells an update from an insert
      const { rows } = await currentClient().rawQuery(
        `INSERT INTO store_card_payments
           (tenant_id, secret_key_encrypted, secret_key_last4, webhook_secret_encrypted)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET
           secret_key_encrypted = EXCLUDED.secret_key_encrypted,
           secret_key_last4 = EXCLUDED.secret_key_last4,
           webhook_secret_encrypted = EXCLUDED.webhook_secret_encrypted,
           updated_at = now()
         RETURNING (xmax <> 0) AS replaced`,
        [
          tenant.id,
          encryptSecret('secretKey', input.secretKey),
          keyLast4,
          encryptSecret('webhookSecret', input.webhookSecret),
        ]
      )
      const replaced = rows[0].replaced === true
      await emitter.emit('storefront:card_payments_changed', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        change: replaced ? 'replaced' : 'configured',
        keyLast4,
      })
    })
  }
}

/** Stops card payments: the keys are deleted, the checkout offers pay on delivery only */
export class RemoveCardPaymentKeys {
  async handle(input: { actorUserId: string | null }) {
    return inUnitOfWork(async () => {
      const existing = await StoreCardPayment.query().forUpdate().first()
      if (!existing) return false
      await existing.delete()
      await emitter.emit('storefront:card_payments_changed', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        change: 'removed',
        keyLast4: existing.secretKeyLast4,
      })
      return true
    })
  }
}
