import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { Membership, User, provisionStore } from '#identity/mod'
import { withTenant } from '#tenancy/mod'
import Tenant from '#tenancy/models/tenant'

export const DEMO_PASSWORD = 'bazaar-demo-123'

const DEMO_TEAM = [
  { email: 'admin@demo.test', fullName: 'Dana Admin', role: 'admin' as const },
  { email: 'finance@demo.test', fullName: 'Faris Finance', role: 'finance' as const },
  { email: 'member@demo.test', fullName: 'Mona Member', role: 'member' as const },
]

/** Demo accounts sign in with the demo password, so their addresses count as proven */
async function ensureUser(email: string, fullName: string, isPlatformAdmin = false) {
  const existing = await User.findBy('email', email)
  if (existing) {
    if (!existing.emailVerifiedAt) await existing.merge({ emailVerifiedAt: DateTime.utc() }).save()
    return existing
  }
  const emailVerifiedAt = DateTime.utc()
  return User.create({ email, fullName, password: DEMO_PASSWORD, isPlatformAdmin, emailVerifiedAt })
}

async function ensureStore(slug: string, name: string, ownerEmail: string, blueprint: string) {
  const existing = await Tenant.findBy('slug', slug)
  if (existing) return existing.toSnapshot()
  await ensureUser(ownerEmail, `${name} Owner`)
  const { tenant } = await provisionStore({
    name,
    slug,
    blueprint,
    owner: { email: ownerEmail },
    existingOwner: 'attach',
  })
  return tenant
}

/**
 * Demo data, safe to run again: it only adds what is missing.
 */
export default class DemoSeeder extends BaseSeeder {
  async run() {
    await ensureUser('admin@bazaar.test', 'Platform Admin', true)
    const demo = await ensureStore('demo', 'Demo Store', 'owner@demo.test', 'classic')
    await ensureStore('acme', 'Acme Souq', 'owner@acme.test', 'souq')

    for (const person of DEMO_TEAM) {
      const user = await ensureUser(person.email, person.fullName)
      await withTenant(demo, async () => {
        if (!(await Membership.findBy('userId', user.id))) {
          await Membership.create({ userId: user.id, role: person.role })
        }
      })
    }
  }
}
