import emitter from '@adonisjs/core/services/emitter'
import { Conflict, NotAllowed, NotFound, clock } from '#core/mod'
import { withTenant } from '#tenancy/mod'
import Membership from '../models/membership.js'
import Invitation from '../models/invitation.js'
import User from '../models/user.js'
import { findOpenInvitation, isAcceptedInvitation } from '../queries/team.js'
import { ensureStoreAcceptsChanges } from '../services/suspension.js'
import { Contended } from '../errors.js'
import { lockStoreRow } from '../queries/store_rows.js'
import { teamEventBy } from '../events.js'
import { say } from '../messages.js'

export type Acceptor = { user: User } | { newAccount: { fullName: string; password: string } }

/**
 * Accepts an invitation as `user` (who must own the invited address and
 * have proven it), or creates the account from `newAccount` (the link came
 * to that address, which proves it). Runs as the invitation's store, in one
 * transaction that first locks the invitation: of several acceptances at
 * once, exactly one joins and the others get 409 (as does any later one).
 */
export default class AcceptInvitation {
  async handle(token: string, acceptor: Acceptor) {
    const found = await findOpenInvitation(token)
    if (!found) {
      if (await isAcceptedInvitation(token)) {
        throw new Contended(say('identity.errors.invitation_already_used'))
      }
      throw new NotFound(say('identity.invitations.spent'))
    }
    const { invitation, store, existingUser } = found
    ensureStoreAcceptsChanges(store)

    if ('user' in acceptor) {
      if (acceptor.user.email !== invitation.email) {
        throw new NotAllowed(
          say('identity.errors.invitation_other_address', { email: invitation.email })
        )
      }
      if (!acceptor.user.isVerified) {
        throw new NotAllowed(say('identity.errors.verify_before_accepting'))
      }
    } else if (existingUser) {
      throw new Conflict(
        say('identity.errors.account_exists_sign_in', { email: invitation.email }),
        'email'
      )
    }

    return withTenant(store, async () => {
      const claimed = await lockStoreRow(Invitation, store.id, invitation.id)
      if (!claimed || !claimed.isOpenAt(clock.now())) {
        throw new Contended(say('identity.errors.invitation_just_used'))
      }
      claimed.acceptedAt = clock.now()
      await claimed.save()

      const user =
        'user' in acceptor
          ? acceptor.user
          : await User.create({
              email: invitation.email,
              fullName: acceptor.newAccount.fullName,
              password: acceptor.newAccount.password,
              isPlatformAdmin: false,
              emailVerifiedAt: clock.now(),
            })
      const membership =
        (await Membership.findBy('userId', user.id)) ??
        (await Membership.create({ userId: user.id, role: invitation.role }))
      await emitter.emit('member:joined', {
        ...teamEventBy({ userId: user.id }),
        membershipId: membership.id,
        userId: user.id,
        email: user.email,
        role: membership.role,
        invitationId: invitation.id,
      })
      return { user, store, membership }
    })
  }
}
