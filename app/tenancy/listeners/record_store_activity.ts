import type { EventsList } from '@adonisjs/core/types'
import { recordActivity } from '../services/activity_log.js'

/**
 * The store's own history in its activity log. A deleted store's log goes
 * with it, so deletion is not recorded here.
 */
export default class RecordStoreActivity {
  async created(event: EventsList['store:created']) {
    await recordActivity({
      action: 'store.created',
      actorUserId: event.ownerUserId,
      subject: { type: 'tenant', id: event.slug },
      data: { blueprint: event.blueprint },
    })
  }

  async suspended(event: EventsList['store:suspended']) {
    await recordActivity({ action: 'store.suspended', subject: { type: 'tenant', id: event.slug } })
  }

  async resumed(event: EventsList['store:resumed']) {
    await recordActivity({ action: 'store.resumed', subject: { type: 'tenant', id: event.slug } })
  }

  /** A save of the settings page, inside the same transaction as the change */
  async settingsUpdated(event: EventsList['store:settings_updated']) {
    await recordActivity({
      action: 'store.settings_updated',
      actorUserId: event.actorUserId,
      subject: { type: 'tenant', id: event.slug },
      data: {
        changed: event.changed,
        currency: event.values.defaultCurrency,
        locale: event.values.defaultLocale,
        theme: event.values.theme,
        accent: event.values.accentColor,
        logo: event.values.logo !== null,
      },
    })
  }
}
