import Category from '../models/category.js'
import Product from '../models/product.js'

export interface CategoryNode {
  id: string
  name: string
  slug: string
  parentId: string | null
  depth: number
  /** Whether it is first or last among its siblings (no way up, or down) */
  first: boolean
  last: boolean
  children: number
  products: number
}

/**
 * The current store's categories as the tree reads top to bottom: each
 * category followed by its sub-categories, indented by `depth`, siblings by
 * position. A category whose parent is missing is shown at the top level.
 */
export async function categoryTree(): Promise<CategoryNode[]> {
  const categories = await Category.query()
    .orderBy('position', 'asc')
    .orderBy('name', 'asc')
    .orderBy('id', 'asc')
  const counts = await Product.query()
    .whereNotNull('category_id')
    .groupBy('category_id')
    .select('category_id')
    .count('* as total')
  const productCount = new Map(
    counts.map((row) => [row.categoryId as string, Number(row.$extras.total)])
  )
  const ids = new Set(categories.map((category) => category.id))
  const childrenOf = new Map<string | null, Category[]>()
  for (const category of categories) {
    const parent = category.parentId && ids.has(category.parentId) ? category.parentId : null
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), category])
  }
  const nodes: CategoryNode[] = []
  const visit = (parent: string | null, depth: number) => {
    const siblings = childrenOf.get(parent) ?? []
    siblings.forEach((category, index) => {
      nodes.push({
        id: category.id,
        name: category.name,
        slug: category.slug,
        parentId: category.parentId,
        depth,
        first: index === 0,
        last: index === siblings.length - 1,
        children: childrenOf.get(category.id)?.length ?? 0,
        products: productCount.get(category.id) ?? 0,
      })
      if (depth < 10) visit(category.id, depth + 1)
    })
  }
  visit(null, 0)
  return nodes
}

/** Categories as options of a select, indented to show the tree ("— Shirts") */
export function categoryOptions(nodes: CategoryNode[], exceptId?: string) {
  const excluded = new Set<string>()
  if (exceptId) {
    excluded.add(exceptId)
    for (const node of nodes) {
      if (node.parentId && excluded.has(node.parentId)) excluded.add(node.id)
    }
  }
  return nodes
    .filter((node) => !excluded.has(node.id))
    .map((node) => ({ value: node.id, label: `${'— '.repeat(node.depth)}${node.name}` }))
}

export function findCategory(id: string) {
  return Category.find(id)
}
