/** Catalog: categories, products, variants, stock, media. Not built yet. */
export {}
