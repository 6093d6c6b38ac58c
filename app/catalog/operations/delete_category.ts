import emitter from '@adonisjs/core/services/emitter'
import { Conflict, NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Category from '../models/category.js'
import { say } from '../messages.js'

export interface DeleteCategoryInput {
  actorUserId: string | null
  id: string
}

/**
 * Deletes a category that has no sub-categories. Its products stay, with no
 * category (the foreign key clears `category_id` and nothing else).
 */
export default class DeleteCategory {
  async handle(input: DeleteCategoryInput) {
    const category = await Category.query().where('id', input.id).forUpdate().first()
    if (!category) throw new NotFound(say('errors.category_not_found'))
    const child = await Category.query().where('parent_id', category.id).select('id').first()
    if (child) {
      throw new Conflict(say('errors.category_has_children', { name: category.name }))
    }
    await category.delete()
    await emitter.emit('catalog:category_changed', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      categoryId: category.id,
      name: category.name,
      change: 'deleted',
    })
    return category
  }
}
