import type { HttpContext } from '@adonisjs/core/http'
import { NotFound, afterCursor, nextCursorOf, readCursorPage, validate } from '#core/mod'
import Category from '../../models/category.js'
import CreateCategory from '../../operations/create_category.js'
import { categoryValidator } from '../../validators/catalog_validators.js'
import { findCategory } from '../../queries/categories.js'
import { categoryShape } from '../../services/api_shapes.js'
import { say } from '../../messages.js'

/** `/api/v1/categories` for integrations, on API tokens (`catalog:read`, `catalog:write`) */
export default class ApiCategoriesController {
  async index({ request }: HttpContext) {
    const page = readCursorPage(request.qs())
    const rows = await afterCursor(Category.query(), page)
    return {
      data: rows.slice(0, page.limit).map(categoryShape),
      nextCursor: nextCursorOf(rows, page),
    }
  }

  async show({ params }: HttpContext) {
    const category = await findCategory(params.id)
    if (!category) throw new NotFound(say('errors.category_not_found'))
    return { data: categoryShape(category) }
  }

  async store(ctx: HttpContext) {
    const input = await validate(ctx, categoryValidator)
    const category = await new CreateCategory().handle({
      actorUserId: ctx.apiCaller.user.id,
      name: input.name,
      slug: input.handle,
      parentId: input.parentId,
    })
    ctx.response.status(201)
    return { data: categoryShape(category) }
  }
}
