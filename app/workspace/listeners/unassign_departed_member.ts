import type { EventsList } from '@adonisjs/core/types'
import Task from '../models/task.js'

/**
 * A member who leaves the store (or is removed) is no longer anyone's
 * assignee there: their tasks become unassigned, in the same transaction.
 */
export default class UnassignDepartedMember {
  async memberRemoved(event: EventsList['member:removed']) {
    await Task.query().where('assignee_user_id', event.userId).update({ assignee_user_id: null })
  }
}
