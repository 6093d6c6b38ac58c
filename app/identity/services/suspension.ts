import { Locked } from '#core/mod'
import { say } from '../messages.js'

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * A suspended store can be read but not changed, whichever door a change
 * comes through (dashboard, API, an invitation link): 423 with a message.
 */
export function ensureStoreAcceptsChanges(store: { status: string }) {
  if (store.status === 'suspended') throw new Locked(say('dashboard.suspended_write_refused'))
}

/** The same rule for a request: reads pass, anything else is refused */
export function refuseWritesWhileSuspended(store: { status: string }, method: string) {
  if (!READ_METHODS.has(method.toUpperCase())) ensureStoreAcceptsChanges(store)
}
