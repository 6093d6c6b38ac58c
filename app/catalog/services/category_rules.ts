import { Conflict, Invalid } from '#core/mod'
import Category from '../models/category.js'
import { say } from '../messages.js'
import { slugify } from './slugs.js'

/** How deep categories nest (a top-level category is at depth 1) */
export const MAX_CATEGORY_DEPTH = 5

/**
 * A category's slug: the one asked for, or one made from its name, refused
 * when another category of the store has it.
 */
export async function uniqueCategorySlug(
  asked: string | null | undefined,
  name: string,
  exceptId: string | null
) {
  const slug = slugify(asked?.trim() ? asked : name)
  if (!slug) throw new Invalid(say('errors.slug_empty'), 'handle')
  const taken = await Category.query()
    .where('slug', slug)
    .if(exceptId, (query) => query.whereNot('id', exceptId!))
    .select('id')
    .first()
  if (taken) throw new Conflict(say('errors.category_slug_taken', { slug }), 'handle')
  return slug
}

/**
 * A parent must be a category of this store, not the category itself or
 * one below it, and not so deep that the tree passes its limit.
 */
export async function ensureParentAllowed(categoryId: string | null, parentId: string | null) {
  if (!parentId) return
  if (parentId === categoryId) throw new Invalid(say('errors.parent_is_self'), 'parentId')
  let depth = 1
  let cursor: string | null = parentId
  const seen = new Set<string>()
  while (cursor) {
    if (cursor === categoryId) throw new Invalid(say('errors.parent_is_descendant'), 'parentId')
    if (seen.has(cursor)) break
    seen.add(cursor)
    const ancestor: Category | null = await Category.query()
      .where('id', cursor)
      .select('id', 'parent_id')
      .first()
    if (!ancestor) {
      if (cursor === parentId) throw new Invalid(say('errors.parent_not_found'), 'parentId')
      break
    }
    depth += 1
    cursor = ancestor.parentId
  }
  if (depth > MAX_CATEGORY_DEPTH) {
    throw new Invalid(say('errors.category_too_deep', { max: MAX_CATEGORY_DEPTH }), 'parentId')
  }
}

/** The position after the last of a parent's children (or of the top level) */
export async function nextPosition(parentId: string | null) {
  const [row] = await Category.query()
    .if(parentId, (query) => query.where('parent_id', parentId!))
    .if(!parentId, (query) => query.whereNull('parent_id'))
    .max('position as top')
  const top = row?.$extras.top
  return top === null || top === undefined ? 0 : Number(top) + 1
}
