/**
 * Storefront: public pages of a store. Carts, checkout, orders and shopper
 * emails are not built yet; the home page is.
 */
export {}
