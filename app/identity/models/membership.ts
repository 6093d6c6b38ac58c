import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { Invalid, NotAllowed, NotFound, Timestamped } from '#core/mod'
import { TenantScoped } from '#tenancy/mod'
import User from './user.js'
import { outranksOrEquals, roleAllows, type Permission, type Role } from '../roles.js'
import { say } from '../messages.js'

/**
 * Rows locked by `Membership.lockForOwnershipChange`: the store's owners and
 * the memberships named, as they are once no other change can slip in.
 */
export interface LockedTeam {
  owners: Membership[]
  /** A named membership as locked, or 404 when it is not (or no longer) in this store */
  get(id: string): Membership
}

export default class Membership extends compose(BaseModel, TenantScoped, Timestamped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column()
  declare role: Role

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  can(permission: Permission) {
    return roleAllows(this.role, permission)
  }

  /** Nobody grants, or acts on, a role above their own */
  ensureMayGrant(role: Role) {
    if (!outranksOrEquals(this.role, role)) {
      throw new NotAllowed(say('identity.errors.role_above_own', { role: say(`roles.${role}`) }))
    }
  }

  /**
   * A store always keeps an owner: refuses `message` when this member is an
   * owner and `owners` (as locked) holds no other.
   */
  ensureNotLastOwner(owners: Membership[], message: string, field?: string) {
    if (this.role === 'owner' && !owners.some((owner) => owner.id !== this.id)) {
      throw new Invalid(message, field)
    }
  }

  /**
   * Takes row locks (`SELECT … FOR UPDATE`, in id order) on the current
   * store's owners and on the memberships named, inside the unit of work.
   * Two changes to who owns the store then run one after the other, and the
   * second sees what the first did: a store never loses its last owner to a
   * race between a demotion and a departure.
   */
  static async lockForOwnershipChange(ids: string[]): Promise<LockedTeam> {
    const rows = await this.query()
      .where((query) => query.where('role', 'owner').orWhereIn('id', ids))
      .orderBy('id')
      .forUpdate()
    const byId = new Map(rows.map((row) => [row.id, row]))
    return {
      owners: rows.filter((row) => row.role === 'owner'),
      get(id: string) {
        const found = byId.get(id)
        if (!found) throw new NotFound(say('identity.errors.no_such_member'))
        return found
      },
    }
  }
}
