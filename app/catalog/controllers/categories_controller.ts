import type { HttpContext } from '@adonisjs/core/http'
import {
  Conflict,
  EMPTY_FORM,
  NotFound,
  flashMessage,
  submitForm,
  wantsJson,
  type FormState,
} from '#core/mod'
import type Category from '../models/category.js'
import CreateCategory from '../operations/create_category.js'
import UpdateCategory from '../operations/update_category.js'
import DeleteCategory from '../operations/delete_category.js'
import { categoryValidator } from '../validators/catalog_validators.js'
import { categoryOptions, categoryTree, findCategory } from '../queries/categories.js'
import { fieldValues } from '../services/form_values.js'
import { say } from '../messages.js'

/** The categories page: the tree, and the form for a new one (or a refusal above it) */
export async function renderCategories(
  ctx: HttpContext,
  form: FormState = EMPTY_FORM,
  refusal: string | null = null
) {
  const tree = await categoryTree()
  return ctx.view.render('catalog/categories/index', {
    tree,
    form,
    refusal,
    parents: categoryOptions(tree),
    values: fieldValues(form, { name: '', handle: '', parentId: '' }),
  })
}

async function renderEdit(ctx: HttpContext, category: Category, form: FormState) {
  const tree = await categoryTree()
  return ctx.view.render('catalog/categories/edit', {
    category,
    form,
    parents: categoryOptions(tree, category.id),
    values: fieldValues(form, {
      name: category.name,
      handle: category.slug,
      parentId: category.parentId ?? '',
    }),
  })
}

async function categoryOrFail(id: string) {
  const category = await findCategory(id)
  if (!category) throw new NotFound(say('errors.category_not_found'))
  return category
}

export default class CategoriesController {
  async index(ctx: HttpContext) {
    return renderCategories(ctx)
  }

  async store(ctx: HttpContext) {
    const category = await submitForm(ctx, {
      validator: categoryValidator,
      render: (form) => renderCategories(ctx, form),
      action: (input) =>
        new CreateCategory().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          name: input.name,
          slug: input.handle,
          parentId: input.parentId,
        }),
    })
    if (wantsJson(ctx)) {
      ctx.response.status(201)
      return { category: { id: category.id, slug: category.slug, name: category.name } }
    }
    flashMessage(ctx, 'success', say('categories.created', { name: category.name }))
    return ctx.response.redirect().toRoute('categories.index')
  }

  async edit(ctx: HttpContext) {
    return renderEdit(ctx, await categoryOrFail(ctx.params.id), EMPTY_FORM)
  }

  async update(ctx: HttpContext) {
    const category = await categoryOrFail(ctx.params.id)
    const saved = await submitForm(ctx, {
      validator: categoryValidator,
      render: (form) => renderEdit(ctx, category, form),
      action: (input) =>
        new UpdateCategory().handle({
          actorUserId: ctx.auth.user?.id ?? null,
          id: category.id,
          name: input.name,
          slug: input.handle,
          parentId: input.parentId,
        }),
    })
    if (wantsJson(ctx)) return { category: { id: saved.id, slug: saved.slug, name: saved.name } }
    flashMessage(ctx, 'success', say('categories.saved', { name: saved.name }))
    return ctx.response.redirect().toRoute('categories.index')
  }

  /** Refused for a category with sub-categories: the page again, the reason above the tree */
  async destroy(ctx: HttpContext) {
    const category = await categoryOrFail(ctx.params.id)
    try {
      await new DeleteCategory().handle({ actorUserId: ctx.auth.user?.id ?? null, id: category.id })
    } catch (error) {
      if (!(error instanceof Conflict) || wantsJson(ctx)) throw error
      ctx.response.status(409)
      return renderCategories(ctx, EMPTY_FORM, error.message)
    }
    if (wantsJson(ctx)) return { deleted: category.id }
    flashMessage(ctx, 'success', say('categories.deleted', { name: category.name }))
    return ctx.response.redirect().toRoute('categories.index')
  }
}
