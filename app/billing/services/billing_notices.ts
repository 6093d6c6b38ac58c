import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { platformUrl } from '#core/mod'
import { Membership, User } from '#identity/mod'
import { currentClient, currentTenant } from '#tenancy/mod'
import BillingNoticeMail, {
  type NoticeFacts,
  type NoticeKind,
} from '../mails/billing_notice_mail.js'

/** Who hears about the store's billing: the roles that can act on it */
const RECIPIENT_ROLES = ['owner', 'finance'] as const

/**
 * Mails a billing notice to the current store's owners and finance members,
 * once per `occurrence` (a trial, an invoice's failed attempt, a fall into
 * the write gate): the row in `billing_notices` is claimed in the store's
 * transaction, and the mails are queued only once that transaction commits,
 * so a duplicated, replayed or rolled-back Stripe event mails nobody twice.
 * Returns whether this call claimed the occurrence.
 */
export async function sendBillingNotice(
  kind: NoticeKind,
  occurrence: string,
  facts: Omit<NoticeFacts, 'storeName' | 'billingUrl'>
): Promise<boolean> {
  const tenant = currentTenant()
  const client = currentClient()
  const claimed = await client.rawQuery(
    `INSERT INTO billing_notices (tenant_id, kind, occurrence) VALUES (?, ?, ?)
     ON CONFLICT (tenant_id, kind, occurrence) DO NOTHING RETURNING id`,
    [tenant.id, kind, occurrence.slice(0, 255)]
  )
  if (claimed.rows.length === 0) return false

  const memberships = await Membership.query().whereIn('role', [...RECIPIENT_ROLES])
  const users = memberships.length
    ? await User.query().whereIn(
        'id',
        memberships.map((membership) => membership.userId)
      )
    : []
  await client.rawQuery(
    'UPDATE billing_notices SET recipients = ? WHERE tenant_id = ? AND id = ?',
    [users.length, tenant.id, claimed.rows[0].id]
  )
  const full: NoticeFacts = {
    ...facts,
    storeName: tenant.name,
    billingUrl: platformUrl('billing.index'),
  }
  const mails = users.map(
    (user) => new BillingNoticeMail(user.email, kind, full, user.locale ?? tenant.defaultLocale)
  )
  const queue = async () => {
    try {
      await Promise.all(mails.map((message) => mail.sendLater(message)))
    } catch (error) {
      logger.error({ err: error, tenantId: tenant.id, kind }, 'billing notice could not be queued')
    }
  }
  if (client.isTransaction) {
    ;(client as TransactionClientContract).after('commit', queue)
  } else {
    await queue()
  }
  return true
}
