import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import { Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'

export const MEDIA_STATUSES = ['pending', 'ready', 'failed'] as const
export type MediaStatus = (typeof MEDIA_STATUSES)[number]

export const MEDIA_FORMATS = ['avif', 'webp'] as const
export type MediaFormat = (typeof MEDIA_FORMATS)[number]

/** One generated file: the key on the disk is named by its content, so it never changes */
export interface MediaVariant {
  format: MediaFormat
  width: number
  height: number
  key: string
  bytes: number
}

export default class ProductMedia extends compose(BaseModel, TenantScoped, Timestamped) {
  static table = 'product_media'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare productId: string

  /** Order among the product's images, lowest first: the first is its picture on cards */
  @column()
  declare position: number

  @column()
  declare altText: string

  @column()
  declare originalKey: string

  @column()
  declare contentType: string

  @column()
  declare byteSize: number

  @column()
  declare contentHash: string

  @column()
  declare width: number

  @column()
  declare height: number

  @column()
  declare status: MediaStatus

  @column({ prepare: (value: MediaVariant[]) => JSON.stringify(value) })
  declare variants: MediaVariant[]
}
