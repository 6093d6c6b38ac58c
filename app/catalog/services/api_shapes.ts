import { moneyJson } from '#core/mod'
import type Product from '../models/product.js'
import type ProductVariant from '../models/product_variant.js'
import type Category from '../models/category.js'
import { readyPictures, type Picture } from '../queries/media.js'

function moneyShape(amount: bigint | null, currency: string) {
  return amount === null ? null : moneyJson({ amount, currency })
}

function variantShape(variant: ProductVariant, currency: string) {
  return {
    id: variant.id,
    options: [variant.option1, variant.option2, variant.option3].filter(
      (value): value is string => value !== null
    ),
    sku: variant.sku,
    price: moneyShape(variant.priceAmount, currency),
    compareAtPrice: moneyShape(variant.compareAtAmount, currency),
    cost: moneyShape(variant.costAmount, currency),
    stock: variant.stock,
  }
}

/** A ready image: its alt text, its size, and a URL per width and format */
function mediaShape(picture: Picture) {
  return {
    id: picture.id,
    position: picture.position,
    alt: picture.alt,
    width: picture.width,
    height: picture.height,
    files: picture.files,
  }
}

export function productShape(product: Product, pictures: Picture[] = []) {
  return {
    id: product.id,
    title: product.title,
    slug: product.slug,
    description: product.description,
    status: product.status,
    categoryId: product.categoryId,
    tags: product.tags,
    trackStock: product.trackStock,
    currency: product.currency,
    options: [product.option1Name, product.option2Name, product.option3Name].filter(
      (name): name is string => name !== null
    ),
    variants: product.variants.map((variant) => variantShape(variant, product.currency)),
    media: pictures.map(mediaShape),
    createdAt: product.createdAt.toISO(),
    updatedAt: product.updatedAt.toISO(),
  }
}

export function categoryShape(category: Category) {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    parentId: category.parentId,
    position: category.position,
    createdAt: category.createdAt.toISO(),
    updatedAt: category.updatedAt.toISO(),
  }
}

/** Products as the API shows them, with their ready images (one query for all of them) */
export async function productShapes(products: Product[]) {
  const pictures = await readyPictures(products.map((product) => product.id))
  return products.map((product) => productShape(product, pictures.get(product.id) ?? []))
}
