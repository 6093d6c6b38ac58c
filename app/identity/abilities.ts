import { Bouncer } from '@adonisjs/bouncer'
import type Membership from './models/membership.js'
import { PERMISSION_NAMES, type Permission } from './roles.js'

/**
 * One Bouncer ability per cell row of the role matrix; the actor is the
 * signed-in member of the current store.
 */
export const abilities = Object.fromEntries(
  PERMISSION_NAMES.map((permission) => [
    permission,
    Bouncer.ability((member: Membership) => member.can(permission)),
  ])
) as Record<Permission, ReturnType<typeof Bouncer.ability<(member: Membership) => boolean>>>
