import { randomBytes } from 'node:crypto'
import { clock, readOutbox } from '#core/mod'
import { Membership, User, provisionStore, type Role } from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import SetPlan from '#billing/operations/set_plan'

export const PASSWORD = 'correct-horse-battery'

export function unique(prefix = 't') {
  return `${prefix}${randomBytes(5).toString('hex')}`
}

export function uniqueEmail(prefix = 'user') {
  return `${unique(prefix)}@example.test`
}

/**
 * An account with the test password. Its address counts as proven unless
 * `verified: false` (an account someone signed up for and never confirmed).
 */
export async function createUser(
  email = uniqueEmail(),
  fullName = 'Test Person',
  options: { verified?: boolean } = {}
) {
  return User.create({
    email,
    fullName,
    password: PASSWORD,
    isPlatformAdmin: false,
    emailVerifiedAt: options.verified === false ? null : clock.now(),
  })
}

export interface TestStore {
  store: TenantSnapshot
  owner: User
  members: Record<Role, User>
}

/**
 * A fresh store with one user per role, through the same provisioning as
 * sign-up, so every test owns its data and suites can share a database.
 * It is on `pro` (set the way an operator does): four members would fill
 * the free plan's members cap. Tests of the free plan (its caps, and
 * billing's flows from it) ask for `plan: 'free'`: the store as sign-up
 * leaves it.
 */
export async function createStore(
  options: { slug?: string; blueprint?: string; plan?: string } = {}
) {
  const owner = await createUser(uniqueEmail('owner'))
  const { tenant } = await provisionStore({
    name: 'Test Store',
    slug: options.slug ?? unique('s'),
    blueprint: options.blueprint,
    owner: { email: owner.email },
    existingOwner: 'attach',
  })
  const members = { owner } as Record<Role, User>
  for (const role of ['admin', 'finance', 'member'] as const) {
    const user = await createUser(uniqueEmail(role))
    await withTenant(tenant, () => Membership.create({ userId: user.id, role }))
    members[role] = user
  }
  const plan = options.plan ?? 'pro'
  // Provisioning starts every store on free: only another plan is set
  if (plan !== 'free') await new SetPlan().handle(tenant, plan)
  return { store: tenant, owner, members } satisfies TestStore
}

/**
 * The last mail sent to `email`, as the dev outbox recorded it. Mail is
 * delivered by the queue worker, so this waits for it (up to 10 s) and
 * returns undefined when none arrives.
 */
export async function lastMailTo(email: string, options: { subject?: RegExp } = {}) {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const messages = await readOutbox(email)
    const match = messages.find(
      (message) => !options.subject || options.subject.test(message.subject)
    )
    if (match) return match
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return undefined
}

/** Waits long enough for a queued mail to have arrived, then lists what did. */
export async function mailsTo(email: string, settleMs = 1500) {
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  return readOutbox(email)
}

export function linkIn(text: string, path: string) {
  const match = new RegExp(`https?://[^\\s"]*${path}/([A-Za-z0-9_-]+)`).exec(text)
  return match ? match[1] : null
}

/** Where the in-process test server listens (`PORT` from .env.test or the environment). */
export const TEST_SERVER = `http://localhost:${process.env.PORT}`
