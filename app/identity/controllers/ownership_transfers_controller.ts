import type { HttpContext } from '@adonisjs/core/http'
import { validate } from '#core/mod'
import { ownershipTransferValidator } from '../validators/identity_validators.js'
import { transferOwnership } from '../services/team.js'

export default class OwnershipTransfersController {
  async store(ctx: HttpContext) {
    const { membershipId } = await validate(ctx, ownershipTransferValidator)
    await transferOwnership(ctx.membership, membershipId)
    return ctx.response.redirect().toRoute('members.index')
  }
}
