import vine from '@vinejs/vine'
import { newTenantRules } from '#tenancy/mod'
import { ROLES, tokenAbilityNames } from '../roles.js'

const email = () => vine.string().trim().toLowerCase().maxLength(254).email()
const password = () => vine.string().minLength(10).maxLength(128)
const fullName = () => vine.string().trim().minLength(1).maxLength(120)

export const signUpValidator = vine.compile(
  vine.object({
    fullName: fullName(),
    email: email(),
    password: password(),
    storeName: newTenantRules.name,
    slug: newTenantRules.slug,
    blueprint: newTenantRules.blueprint,
  })
)

export const newStoreValidator = vine.compile(
  vine.object({
    storeName: newTenantRules.name,
    slug: newTenantRules.slug,
    blueprint: newTenantRules.blueprint,
  })
)

export const signInValidator = vine.compile(
  vine.object({
    email: email(),
    password: vine.string().minLength(1).maxLength(128),
  })
)

export const magicLinkValidator = vine.compile(vine.object({ email: email() }))

export const invitationValidator = vine.compile(
  vine.object({ email: email(), role: vine.enum(ROLES) })
)

export const newAccountValidator = vine.compile(
  vine.object({ fullName: fullName(), password: password() })
)

export const roleValidator = vine.compile(vine.object({ role: vine.enum(ROLES) }))

export const currentStoreValidator = vine.compile(vine.object({ tenantId: vine.string().uuid() }))

export const ownershipTransferValidator = vine.compile(
  vine.object({ membershipId: vine.string().uuid() })
)

export const apiTokenValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(80),
    abilities: vine.array(vine.enum(tokenAbilityNames)).minLength(1).distinct(),
    expiresInDays: vine.number().withoutDecimals().range([1, 365]).optional(),
  })
)

export const storeDeletionValidator = vine.compile(
  vine.object({ confirmSlug: vine.string().trim().toLowerCase().maxLength(40) })
)

/** The button on a mailed link's page; the password only keeps an unproven account's own */
export const linkConfirmationValidator = vine.compile(
  vine.object({ password: vine.string().maxLength(128).optional() })
)

/** A sign-in link's token spent for an API token (`POST /api/v1/auth/redeem`) */
export const linkRedemptionValidator = vine.compile(
  vine.object({
    token: vine.string().trim().minLength(1).maxLength(200),
    store: vine.string().trim().toLowerCase().minLength(1).maxLength(63).optional(),
    abilities: vine.array(vine.enum(tokenAbilityNames)).minLength(1).distinct().optional(),
    name: vine.string().trim().minLength(1).maxLength(80).optional(),
    expiresInDays: vine.number().withoutDecimals().range([1, 365]).optional(),
  })
)
