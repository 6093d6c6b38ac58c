import queue from '@rlanz/bull-queue/services/main'
import { Conflict } from '#core/mod'
import emitter from '@adonisjs/core/services/emitter'
import { establishTenant, type NewTenant } from '#tenancy/mod'
import User from '../models/user.js'
import Membership from '../models/membership.js'
import SendWelcomeMailJob from '../jobs/send_welcome_mail_job.js'

export interface ProvisionStoreInput extends NewTenant {
  owner: { email: string; fullName?: string; password?: string }
  /** Sign-up refuses a taken email; operators may hand a new store to an existing user. */
  existingOwner: 'refuse' | 'attach'
}

/**
 * The one way a store comes to exist (sign-up, `tenant:create`, /admin):
 * tenant, blueprint defaults, owner account and membership, and the first
 * activity entry, all in one transaction.
 */
export async function provisionStore(input: ProvisionStoreInput) {
  const email = input.owner.email.trim().toLowerCase()
  const { tenant, result } = await establishTenant(input, async (store) => {
    let owner = await User.findBy('email', email)
    if (owner && input.existingOwner === 'refuse') {
      throw new Conflict('An account with this email already exists: sign in instead', 'email')
    }
    if (!owner) {
      owner = await User.create({
        email,
        fullName: input.owner.fullName ?? email.split('@')[0],
        password: input.owner.password ?? null,
        isPlatformAdmin: false,
      })
    }
    const membership = await Membership.create({ userId: owner.id, role: 'owner' })
    await emitter.emit('store:created', {
      tenantId: store.id,
      slug: store.slug,
      name: store.name,
      ownerUserId: owner.id,
      blueprint: store.blueprint,
    })
    return { owner, membership }
  })
  await queue.dispatch(
    SendWelcomeMailJob,
    { tenantId: tenant.id, userId: result.owner.id },
    { jobId: `welcome-${tenant.id}` }
  )
  return { tenant, owner: result.owner, membership: result.membership }
}
