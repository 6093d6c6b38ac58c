import emitter from '@adonisjs/core/services/emitter'
import { NotFound } from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import Category from '../models/category.js'
import {
  ensureParentAllowed,
  nextPosition,
  uniqueCategorySlug,
} from '../services/category_rules.js'
import { say } from '../messages.js'

export interface UpdateCategoryInput {
  actorUserId: string | null
  id: string
  name: string
  slug?: string | null
  parentId?: string | null
}

/**
 * Renames a category, changes its slug or moves it under another parent
 * (never under itself or one of its own sub-categories); a category that
 * changes parent goes last among its new siblings.
 */
export default class UpdateCategory {
  async handle(input: UpdateCategoryInput) {
    const category = await Category.query().where('id', input.id).forUpdate().first()
    if (!category) throw new NotFound(say('errors.category_not_found'))
    const parentId = input.parentId || null
    await ensureParentAllowed(category.id, parentId)
    const slug = await uniqueCategorySlug(input.slug, input.name, category.id)
    if (parentId !== category.parentId) category.position = await nextPosition(parentId)
    category.merge({ name: input.name, slug, parentId })
    await category.save()
    await emitter.emit('catalog:category_changed', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      categoryId: category.id,
      name: category.name,
      change: 'updated',
    })
    return category
  }
}
