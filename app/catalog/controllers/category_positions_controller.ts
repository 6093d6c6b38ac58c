import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { Invalid, NotFound, submitForm, wantsJson } from '#core/mod'
import MoveCategory from '../operations/move_category.js'
import { categoryPositionValidator } from '../validators/catalog_validators.js'
import { findCategory } from '../queries/categories.js'
import { renderCategories } from './categories_controller.js'
import { say } from '../messages.js'

/** A category's place among its siblings: one up, one down, or a given place */
export default class CategoryPositionsController {
  async update(ctx: HttpContext) {
    const category = await findCategory(ctx.params.id)
    if (!category) throw new NotFound(say('errors.category_not_found'))
    const moved = await submitForm(ctx, {
      validator: categoryPositionValidator,
      render: (form) => renderCategories(ctx, form),
      action: ({ direction, position }) => {
        if (!direction && position === undefined) {
          throw new Invalid(say('errors.move_where'), 'direction')
        }
        return new MoveCategory().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          id: category.id,
          direction,
          position,
        })
      },
    })
    if (wantsJson(ctx)) return { category: { id: moved.id, position: moved.position } }
    return ctx.response.redirect(`${router.makeUrl('categories.index')}#category-${moved.id}`)
  }
}
