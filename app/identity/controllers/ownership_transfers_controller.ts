import type { HttpContext } from '@adonisjs/core/http'
import { validate } from '#core/mod'
import { ownershipTransferValidator } from '../validators/identity_validators.js'
import TransferOwnership from '../operations/transfer_ownership.js'

export default class OwnershipTransfersController {
  async store(ctx: HttpContext) {
    const { membershipId } = await validate(ctx, ownershipTransferValidator)
    await new TransferOwnership().handle({ actor: ctx.membership, membershipId })
    return ctx.response.redirect().toRoute('members.index')
  }
}
