import { listMembers } from '../../queries/team.js'

export default class MembersController {
  async index() {
    const members = await listMembers()
    return {
      data: members.map((member) => ({
        id: member.id,
        email: member.user.email,
        fullName: member.user.fullName,
        role: member.role,
      })),
    }
  }
}
