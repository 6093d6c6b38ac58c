import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'

/**
 * The store's own Stripe account for card payments: its keys encrypted with
 * the app key, and nothing readable but the secret key's last four characters.
 */
export default class StoreCardPayment extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column({ serializeAs: null })
  declare secretKeyEncrypted: string

  @column({ columnName: 'secret_key_last4' })
  declare secretKeyLast4: string

  @column({ serializeAs: null })
  declare webhookSecretEncrypted: string
}
