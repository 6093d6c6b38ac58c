import emitter from '@adonisjs/core/services/emitter'
import { currentTenant } from '#tenancy/mod'
import Category from '../models/category.js'
import {
  ensureParentAllowed,
  nextPosition,
  uniqueCategorySlug,
} from '../services/category_rules.js'

export interface CreateCategoryInput {
  actorUserId: string | null
  name: string
  /** Derived from the name when empty */
  slug?: string | null
  parentId?: string | null
}

/** Adds a category to the current store, last among its siblings */
export default class CreateCategory {
  async handle(input: CreateCategoryInput) {
    const parentId = input.parentId || null
    await ensureParentAllowed(null, parentId)
    const slug = await uniqueCategorySlug(input.slug, input.name, null)
    const category = await Category.create({
      name: input.name,
      slug,
      parentId,
      position: await nextPosition(parentId),
    })
    await emitter.emit('catalog:category_changed', {
      tenantId: currentTenant().id,
      actorUserId: input.actorUserId,
      categoryId: category.id,
      name: category.name,
      change: 'created',
    })
    return category
  }
}
