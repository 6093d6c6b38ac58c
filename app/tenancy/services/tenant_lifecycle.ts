import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import { Conflict, isSupportedCurrency, SUPPORTED_CURRENCIES } from '#core/mod'
import Tenant from '../models/tenant.js'
import StoreSetting from '../models/store_setting.js'
import { BLUEPRINTS, BLUEPRINT_NAMES, DEFAULT_BLUEPRINT } from './blueprints.js'
import { SLUG_PATTERN, isReservedSlug } from './slugs.js'
import { joinAsTenant, type TenantSnapshot } from './tenant_context.js'
import { tenantDirectory } from './tenant_directory.js'

export const newTenantRules = {
  name: vine.string().trim().minLength(2).maxLength(120),
  slug: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(SLUG_PATTERN)
    .use(
      vine.createRule((value, _, field) => {
        if (typeof value === 'string' && isReservedSlug(value)) {
          field.report(
            'The store address "{{ value }}" is reserved; choose another',
            'reservedSlug',
            field,
            { value }
          )
        }
      })()
    ),
  blueprint: vine.enum(BLUEPRINT_NAMES).optional(),
  currency: vine.string().trim().toUpperCase().in(SUPPORTED_CURRENCIES).optional(),
  locale: vine.enum(['en', 'ar']).optional(),
}

export interface NewTenant {
  name: string
  slug: string
  blueprint?: string
  currency?: string
  locale?: string
}

function isUniqueViolation(error: unknown, constraint: string) {
  const pgError = error as { code?: string; constraint?: string }
  return pgError.code === '23505' && (pgError.constraint ?? '').includes(constraint)
}

/**
 * Creates the tenant and its blueprint defaults, then runs `setup` (owner
 * membership, first activity) in the same transaction as that tenant, so a
 * failure anywhere leaves nothing behind.
 */
export async function establishTenant<T>(
  input: NewTenant,
  setup: (tenant: TenantSnapshot) => Promise<T>
): Promise<{ tenant: TenantSnapshot; result: T }> {
  const blueprintName = input.blueprint ?? DEFAULT_BLUEPRINT
  const blueprint = BLUEPRINTS[blueprintName]
  const currency = input.currency ?? blueprint.currency
  if (!isSupportedCurrency(currency)) throw new Conflict(`Unknown currency ${currency}`, 'currency')

  try {
    const outcome = await db.transaction(async (trx) => {
      const tenant = await Tenant.create(
        {
          name: input.name,
          slug: input.slug,
          status: 'active',
          blueprint: blueprintName,
          defaultCurrency: currency,
          defaultLocale: input.locale ?? blueprint.locale,
        },
        { client: trx }
      )
      const snapshot = tenant.toSnapshot()
      const result = await joinAsTenant(trx, snapshot, async () => {
        await StoreSetting.create({
          theme: blueprint.theme,
          accentColor: blueprint.accentColor,
          tagline: '',
          highlights: blueprint.highlights,
        })
        return setup(snapshot)
      })
      return { tenant: snapshot, result }
    })
    await tenantDirectory.forgetTenant(outcome.tenant)
    return outcome
  } catch (error) {
    if (isUniqueViolation(error, 'slug')) {
      throw new Conflict(`The store address "${input.slug}" is already taken`, 'slug')
    }
    throw error
  }
}
