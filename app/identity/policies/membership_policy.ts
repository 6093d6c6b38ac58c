import { BasePolicy } from '@adonisjs/bouncer'
import type Membership from '../models/membership.js'

/**
 * Who may act on a membership of the current store; the actor is the
 * signed-in member. Rules about the store's owners live in the operations.
 */
export default class MembershipPolicy extends BasePolicy {
  /** Removing a member: anyone may leave; taking someone else out needs team:manage */
  destroy(actor: Membership, target: Membership) {
    return target.id === actor.id || actor.can('team:manage')
  }
}
