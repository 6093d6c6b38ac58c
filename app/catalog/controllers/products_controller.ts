import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import {
  EMPTY_FORM,
  NotFound,
  flashMessage,
  formatMoney,
  listHref,
  listParams,
  submitForm,
  wantsFragment,
  wantsJson,
  type FormState,
  type Money,
} from '#core/mod'
import { DateTime } from 'luxon'
import { currencyDecimals, toDecimalString } from '../services/money_api.js'
import { currentTenant } from '#tenancy/mod'
import { PRODUCT_STATUSES, type default as Product } from '../models/product.js'
import CreateProduct from '../operations/create_product.js'
import UpdateProduct from '../operations/update_product.js'
import { productValidator } from '../validators/catalog_validators.js'
import { categoryOptions, categoryTree } from '../queries/categories.js'
import {
  PRODUCT_LIST_DEFAULTS,
  findProduct,
  listProductsPage,
  parseProductListQuery,
  stockHistory,
} from '../queries/products.js'
import { createInputFrom, updateInputFrom } from '../services/product_form.js'
import { fieldValues } from '../services/form_values.js'
import { productPictures } from '../queries/media.js'
import { MAX_MEDIA_BYTES } from '../services/media_files.js'
import { say } from '../messages.js'

/** The id of the element that holds the products table (the target of its htmx links) */
const TABLE_ID = 'products'

/** The products list, or only its table when htmx asks for that element */
export async function renderProductList(ctx: HttpContext, form: FormState = EMPTY_FORM) {
  const list = parseProductListQuery(ctx.request.qs())
  const [{ rows, pagination }, categories] = await Promise.all([
    listProductsPage(list),
    categoryTree(),
  ])
  const path = router.makeUrl('catalog.index')
  const params = listParams({ ...list, page: pagination.page }, PRODUCT_LIST_DEFAULTS)
  const filtered = Object.keys(list.filters).length > 0
  const locale = ctx.i18n.locale
  const shown = rows.map((row) => ({
    ...row,
    priceText: priceRange(row.lowestPrice, row.highestPrice, locale),
    updatedText: DateTime.fromISO(row.updatedAt)
      .setLocale(locale)
      .toLocaleString({ dateStyle: 'medium' }),
  }))
  const state = {
    rows: shown,
    form,
    statuses: PRODUCT_STATUSES,
    categories: categoryOptions(categories),
    categoryNames: Object.fromEntries(categories.map((category) => [category.id, category.name])),
    table: {
      id: TABLE_ID,
      path,
      params,
      sort: list.sort,
      dir: list.dir,
      filters: list.filters,
      pagination,
      filtered,
      clearHref: listHref(path, {}),
    },
    isEmptyStore: !filtered && pagination.total === 0,
  }
  if (wantsFragment(ctx, TABLE_ID)) return ctx.view.render('catalog/partials/products_table', state)
  return ctx.view.render('catalog/products/index', state)
}

/** "KWD 12.500", or "KWD 12.500 – KWD 15.000" when its variants differ */
function priceRange(lowest: Money | null, highest: Money | null, locale: string) {
  if (!lowest) return ''
  const low = formatMoney(lowest, locale)
  return highest && highest.amount !== lowest.amount
    ? `${low} – ${formatMoney(highest, locale)}`
    : low
}

const decimal = (amount: bigint | null, currency: string) =>
  amount === null ? '' : toDecimalString({ amount, currency })

/**
 * The product form: empty for a new product in the store's currency, or a
 * product with its variants and stock history. `stockForm` carries a
 * refused stock adjustment, shown in its variant's row.
 */
export async function renderProductForm(
  ctx: HttpContext,
  form: FormState,
  product: Product | null,
  stockForm: { variantId: string; form: FormState } | null = null,
  mediaError: { field: string; message: string } | null = null
) {
  const currency = product?.currency ?? currentTenant().defaultCurrency
  const categories = categoryOptions(await categoryTree())
  const saved = product
    ? {
        title: product.title,
        handle: product.slug,
        description: product.description,
        status: product.status,
        categoryId: product.categoryId ?? '',
        tags: product.tags.join(', '),
        trackStock: product.trackStock ? '1' : '',
      }
    : {
        title: '',
        handle: '',
        description: '',
        status: 'draft',
        categoryId: '',
        tags: '',
        trackStock: '1',
        price: '',
        compareAt: '',
        cost: '',
        sku: '',
        stock: '0',
      }
  const oldOptions = Array.isArray(form.old.options) ? (form.old.options as any[]) : []
  const options = [0, 1, 2].map((index) => ({
    name: String(oldOptions[index]?.name ?? ''),
    values: String(oldOptions[index]?.values ?? ''),
  }))
  const oldVariants = Array.isArray(form.old.variants) ? (form.old.variants as any[]) : []
  const variants = (product?.variants ?? []).map((variant, index) => {
    const old = oldVariants[index]?.id === variant.id ? oldVariants[index] : null
    return {
      id: variant.id,
      label: variant.label,
      stock: variant.stock,
      price: old ? String(old.price ?? '') : decimal(variant.priceAmount, currency),
      compareAt: old ? String(old.compareAt ?? '') : decimal(variant.compareAtAmount, currency),
      cost: old ? String(old.cost ?? '') : decimal(variant.costAmount, currency),
      sku: old ? String(old.sku ?? '') : (variant.sku ?? ''),
    }
  })
  const variantLabels = new Map(variants.map((variant) => [variant.id, variant.label]))
  const movements = product ? await stockHistory(product.id) : []
  const history = movements.map((movement) => ({
    id: movement.id,
    variant: variantLabels.get(movement.variantId) ?? '',
    delta: movement.delta,
    reason: movement.reason,
    note: movement.note,
    stockAfter: movement.stockAfter,
    at: movement.createdAt,
  }))
  return ctx.view.render(product ? 'catalog/products/edit' : 'catalog/products/create', {
    form,
    product,
    values: fieldValues(form, saved),
    currency,
    decimals: currencyDecimals(currency),
    statuses: PRODUCT_STATUSES,
    categories,
    options,
    variants,
    history,
    stockForm,
    pictures: product ? await productPictures(product.id) : [],
    mediaError,
    maxMb: MAX_MEDIA_BYTES / 2 ** 20,
  })
}

async function productOrFail(id: string) {
  const product = await findProduct(id)
  if (!product) throw new NotFound(say('errors.product_not_found'))
  return product
}

export default class ProductsController {
  async index(ctx: HttpContext) {
    return renderProductList(ctx)
  }

  async create(ctx: HttpContext) {
    return renderProductForm(ctx, EMPTY_FORM, null)
  }

  async store(ctx: HttpContext) {
    const currency = currentTenant().defaultCurrency
    const { product } = await submitForm(ctx, {
      validator: productValidator,
      render: (form) => renderProductForm(ctx, form, null),
      action: (payload) =>
        new CreateProduct().handle(createInputFrom(payload, currency, ctx.auth.user?.id ?? null)),
    })
    if (wantsJson(ctx)) {
      ctx.response.status(201)
      return { product: { id: product.id, slug: product.slug, title: product.title } }
    }
    flashMessage(ctx, 'success', say('products.created', { title: product.title }))
    return ctx.response.redirect().toRoute('products.edit', { id: product.id })
  }

  async edit(ctx: HttpContext) {
    return renderProductForm(ctx, EMPTY_FORM, await productOrFail(ctx.params.id))
  }

  async update(ctx: HttpContext) {
    const product = await productOrFail(ctx.params.id)
    const saved = await submitForm(ctx, {
      validator: productValidator,
      render: (form) => renderProductForm(ctx, form, product),
      action: (payload) =>
        new UpdateProduct().handle(updateInputFrom(payload, product, ctx.auth.user?.id ?? null)),
    })
    if (wantsJson(ctx)) return { product: { id: saved.id, slug: saved.slug, title: saved.title } }
    flashMessage(ctx, 'success', say('products.saved', { title: saved.title }))
    return ctx.response.redirect().toRoute('products.edit', { id: saved.id })
  }
}
