import type { I18n } from '@adonisjs/i18n'
import type { DateTime } from 'luxon'
import { clock } from '#core/mod'
import User from '../models/user.js'

/** An entry of the activity log as the overview shows it */
export interface ActivityLine {
  sentence: string
  /** ISO timestamp for `<time datetime>` */
  at: string
  /** "3 minutes ago", in the viewer's language */
  ago: string
  /** The date and time in full, in the viewer's language */
  when: string
}

interface LoggedActivity {
  action: string
  actorUserId: string | null
  data: Record<string, unknown>
  createdAt: DateTime
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * Each action the listeners record, with the values its sentence needs from
 * the entry's `data` (see app/identity/listeners and app/tenancy/listeners).
 * An action missing here is still shown, by its name.
 */
const SENTENCES: Record<
  string,
  (data: Record<string, unknown>, role: (r: unknown) => string) => Record<string, string>
> = {
  'store.created': () => ({}),
  'store.suspended': () => ({}),
  'store.resumed': () => ({}),
  'store.settings_updated': () => ({}),
  'store.ownership_transferred': (data) => ({ to: text(data.to) }),
  'member.invited': (data, role) => ({ email: text(data.email), role: role(data.role) }),
  'invitation.revoked': (data) => ({ email: text(data.email) }),
  'member.joined': (data, role) => ({ email: text(data.email), role: role(data.role) }),
  'member.role_changed': (data, role) => ({
    email: text(data.email),
    from: role(data.from),
    to: role(data.to),
  }),
  'member.removed': (data) => ({ email: text(data.email) }),
  'api_token.created': (data) => ({ name: text(data.name) }),
  'api_token.revoked': (data) => ({ name: text(data.name) }),
  'api_token.rotated': (data) => ({ name: text(data.name) }),
  'catalog.product_created': (data) => ({ title: text(data.title) }),
  'catalog.product_updated': (data) => ({ title: text(data.title) }),
  'catalog.product_status_changed': (data) => ({
    title: text(data.title),
    status: text(data.status),
  }),
  'catalog.product_deleted': (data) => ({ title: text(data.title) }),
  'catalog.price_changed': (data) => ({
    title: text(data.title),
    variant: text(data.variant) ? ` (${text(data.variant)})` : '',
    from: text(data.from),
    to: text(data.to),
  }),
  'catalog.stock_changed': (data) => ({
    title: text(data.title),
    variant: text(data.variant) ? ` (${text(data.variant)})` : '',
    delta: String(data.delta ?? ''),
    stock: String(data.stock ?? ''),
  }),
  'catalog.category_created': (data) => ({ name: text(data.name) }),
  'catalog.category_updated': (data) => ({ name: text(data.name) }),
  'catalog.category_moved': (data) => ({ name: text(data.name) }),
  'catalog.category_deleted': (data) => ({ name: text(data.name) }),
  'catalog.products_imported': (data) => ({
    created: String(data.created ?? 0),
    updated: String(data.updated ?? 0),
  }),
  'order.placed': (data) => ({ number: String(data.number ?? ''), total: text(data.total) }),
  'order.paid': (data) => ({ number: String(data.number ?? '') }),
  'order.fulfilled': (data) => ({ number: String(data.number ?? '') }),
  'order.cancelled': (data) => ({ number: String(data.number ?? '') }),
  'order.refunded': (data) => ({ number: String(data.number ?? '') }),
  'order.notes_changed': (data) => ({ number: String(data.number ?? '') }),
  'order.checkout_settings_changed': () => ({}),
  'order.discount_created': (data) => ({ code: text(data.code) }),
  'order.discount_updated': (data) => ({ code: text(data.code) }),
  'order.discount_deactivated': (data) => ({ code: text(data.code) }),
  'order.card_payments_configured': (data) => ({ last4: text(data.keyLast4) }),
  'order.card_payments_replaced': (data) => ({ last4: text(data.keyLast4) }),
  'order.card_payments_removed': () => ({}),
  'order.card_payment_refused': (data) => ({
    number: String(data.number ?? ''),
    expected: text(data.expected),
    received: text(data.received),
  }),
  'workspace.project_created': (data) => ({ name: text(data.name) }),
  'workspace.project_updated': (data) => ({ name: text(data.name) }),
  'workspace.project_archived': (data) => ({ name: text(data.name) }),
  'workspace.project_restored': (data) => ({ name: text(data.name) }),
  'workspace.task_created': (data) => ({ title: text(data.title), project: text(data.project) }),
  'workspace.task_updated': (data) => ({ title: text(data.title), project: text(data.project) }),
  'workspace.task_moved': (data) => ({
    title: text(data.title),
    project: text(data.project),
    status: text(data.status),
  }),
  'workspace.task_deleted': (data) => ({ title: text(data.title), project: text(data.project) }),
}

/** Where an action's sentence is translated: the orders keep theirs in orders.json */
function sentenceKey(action: string) {
  if (action.startsWith('order.')) return `orders.activity.${action.slice('order.'.length)}`
  return `dashboard.latest.actions.${action.replace('.', '_')}`
}

/**
 * The entries as sentences in the viewer's language ("Ana invited
 * b@x.com as Admin"), naming each actor by the account's full name.
 */
export async function describeActivity(
  entries: LoggedActivity[],
  i18n: I18n
): Promise<ActivityLine[]> {
  const actorIds = [
    ...new Set(entries.flatMap((entry) => (entry.actorUserId ? [entry.actorUserId] : []))),
  ]
  const users = actorIds.length
    ? await User.query().whereIn('id', actorIds).select('id', 'full_name')
    : []
  const actors = new Map(users.map((user) => [user.id, user.fullName]))
  const role = (value: unknown) =>
    typeof value === 'string' ? i18n.t(`roles.${value}`, {}, value) : ''
  const now = clock.now()
  return entries.map((entry) => {
    const actor =
      (entry.actorUserId && actors.get(entry.actorUserId)) || i18n.t('dashboard.latest.someone')
    const values = SENTENCES[entry.action]
    const sentence = values
      ? i18n.t(sentenceKey(entry.action), {
          actor,
          ...values(entry.data ?? {}, role),
        })
      : i18n.t('dashboard.latest.actions.other', { actor, action: entry.action })
    const at = entry.createdAt.setLocale(i18n.locale)
    return {
      sentence,
      at: entry.createdAt.toISO() ?? '',
      ago: at.toRelative({ base: now }) ?? '',
      when: at.toLocaleString({ dateStyle: 'medium', timeStyle: 'short' }),
    }
  })
}
