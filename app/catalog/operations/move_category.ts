import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Category from '../models/category.js'
import { say } from '../messages.js'

export interface MoveCategoryInput {
  actorUserId: string | null
  id: string
  /** One place up or down among its siblings, or to a 0-based place */
  direction?: 'up' | 'down'
  position?: number
}

/**
 * Moves a category among its siblings. The siblings are locked and
 * numbered again 0, 1, 2 … so two moves at once cannot leave a gap or a tie.
 */
export default class MoveCategory {
  async handle(input: MoveCategoryInput) {
    const category = await Category.find(input.id)
    if (!category) throw new NotFound(say('errors.category_not_found'))
    const siblings = await Category.query()
      .if(category.parentId, (query) => query.where('parent_id', category.parentId!))
      .if(!category.parentId, (query) => query.whereNull('parent_id'))
      .orderBy('position', 'asc')
      .orderBy('name', 'asc')
      .orderBy('id', 'asc')
      .forUpdate()
    const from = siblings.findIndex((sibling) => sibling.id === category.id)
    const last = siblings.length - 1
    let to = from
    if (input.direction === 'up') to = from - 1
    else if (input.direction === 'down') to = from + 1
    else if (input.position !== undefined) to = input.position
    to = Math.max(0, Math.min(last, to))

    const [moved] = siblings.splice(from, 1)
    siblings.splice(to, 0, moved)
    for (const [position, sibling] of siblings.entries()) {
      if (sibling.position !== position) {
        sibling.position = position
        await sibling.save()
      }
    }
    if (to !== from) {
      await emitter.emit('catalog:category_changed', {
        tenantId: currentTenant().id,
        actorUserId: input.actorUserId,
        categoryId: moved.id,
        name: moved.name,
        change: 'moved',
      })
    }
    return moved
  }
}
