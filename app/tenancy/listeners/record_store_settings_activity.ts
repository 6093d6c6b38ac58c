import type { EventsList } from '@adonisjs/core/types'
import { recordActivity } from '../services/activity_log.js'

/**
 * The settings page's saves in the store's activity log, inside the same
 * transaction as the change.
 */
export default class RecordStoreSettingsActivity {
  async updated(event: EventsList['store:settings_updated']) {
    await recordActivity({
      action: 'store.settings_updated',
      actorUserId: event.actorUserId,
      subject: { type: 'tenant', id: event.slug },
      data: {
        changed: event.changed,
        currency: event.values.defaultCurrency,
        locale: event.values.defaultLocale,
      },
    })
  }
}
