import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { clock } from '#core/mod'
import type { SubscriptionStatus } from '../services/subscription_state.js'

export type NoticeKind = 'trial_ending' | 'payment_failed' | 'writes_paused'

/** What a notice says, as plain values: the queue carries only text to the worker */
export interface NoticeFacts {
  storeName: string
  planName: string
  status: SubscriptionStatus
  /** ISO timestamp of the trial's end, for `trial_ending` */
  trialEndsAt: string | null
  billingUrl: string
}

/**
 * A billing notice to an owner or finance member, in their language: the
 * trial ends soon, a payment failed, or the store's writes are paused. Each
 * one points at the billing page, where the person can fix it.
 */
export default class BillingNoticeMail extends BaseMail {
  constructor(
    private recipient: string,
    private kind: NoticeKind,
    private facts: NoticeFacts,
    private locale: string
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.locale)
    const trialEnd = this.facts.trialEndsAt
      ? DateTime.fromISO(this.facts.trialEndsAt, { zone: 'utc' })
      : null
    const values = {
      store: this.facts.storeName,
      plan: this.facts.planName,
      status: i18n.t(`billing.statuses.${this.facts.status}`),
      date: trialEnd?.setLocale(this.locale).toLocaleString({ dateStyle: 'long' }) ?? '',
      days: trialEnd ? daysUntil(trialEnd) : 0,
    }
    const copy = `billing.notices.${this.kind}`
    const data = {
      dir: this.locale === 'ar' ? 'rtl' : 'ltr',
      locale: this.locale,
      body: i18n.t(`${copy}.body`, values),
      action: i18n.t(`${copy}.action`),
      url: this.facts.billingUrl,
    }
    this.message
      .to(this.recipient)
      .subject(i18n.t(`${copy}.subject`, values))
      .htmlView('billing/mails/notice', data)
      .textView('billing/mails/notice_text', data)
  }
}

/** Whole days left until `end`, never below 0 (a trial ending today has 0 left) */
export function daysUntil(end: DateTime, now: DateTime = clock.now()) {
  return Math.max(0, Math.ceil(end.diff(now, 'days').days))
}
