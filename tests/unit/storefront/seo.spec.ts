import { test } from '@japa/runner'
import type { ShopProduct, ShopVariant } from '#catalog/mod'
import { storeUrl } from '#core/mod'
import {
  pageMeta,
  productJsonLd,
  robotsTxt,
  scriptJson,
  shopLinks,
  sitemapXml,
  summary,
} from '#storefront/services/seo'

const store = { name: 'Dar & Co', slug: 'dar', customDomain: null }

function variant(overrides: Partial<ShopVariant> = {}): ShopVariant {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    values: [],
    label: '',
    sku: 'DATES',
    price: 12500n,
    compareAt: null,
    stock: 4,
    available: true,
    ...overrides,
  }
}

function product(variants: ShopVariant[]): ShopProduct {
  return {
    id: 'p',
    slug: 'تمر',
    title: 'Dates',
    description: 'Sweet',
    tags: [],
    currency: 'KWD',
    optionNames: [],
    category: { name: 'Food', slug: 'food' },
    variants,
    updatedAt: new Date(0),
  }
}

test.group('Storefront SEO | links', () => {
  test('{path} under {where}')
    .with([
      { where: 'the store host', mount: '', path: 'home', expected: '/' },
      { where: '/s/dar', mount: '/s/dar', path: 'home', expected: '/s/dar' },
      { where: 'the store host', mount: '', path: 'category', expected: '/categories/shirts' },
      { where: '/s/dar', mount: '/s/dar', path: 'category', expected: '/s/dar/categories/shirts' },
      { where: '/s/dar', mount: '/s/dar', path: 'search', expected: '/s/dar/search' },
      { where: 'the store host', mount: '', path: 'cartItems', expected: '/cart/items' },
    ])
    .run(({ assert }, { mount, path, expected }) => {
      const links = shopLinks(mount) as Record<string, (slug: string) => string>
      assert.equal(links[path]('shirts'), expected)
    })

  test('slugs and variant ids are encoded in the path', ({ assert }) => {
    const links = shopLinks('/s/dar')
    assert.equal(links.product('تمر'), `/s/dar/products/${encodeURIComponent('تمر')}`)
    assert.equal(links.product('a/b?c', 'x&y'), '/s/dar/products/a%2Fb%3Fc?variant=x%26y')
  })
})

test.group('Storefront SEO | meta', () => {
  test('the canonical address is on the store host, with one alternate per language', ({
    assert,
  }) => {
    const meta = pageMeta({
      store,
      path: '/categories/shirts?page=2',
      title: 'Shirts',
      description: 'All   our\nshirts',
      locale: 'ar',
    })
    const canonical = storeUrl(store, '/categories/shirts?page=2')
    assert.equal(meta.canonical, canonical)
    assert.deepEqual(meta.alternates, [
      { lang: 'en', href: `${canonical}&lang=en` },
      { lang: 'ar', href: `${canonical}&lang=ar` },
    ])
    assert.equal(meta.description, 'All our shirts')
    assert.equal(meta.ogLocale, 'ar_AR')
    assert.equal(meta.ogType, 'website')
    assert.isFalse(meta.noindex)
  })

  test('{label}')
    .with([
      { label: 'short text stays', text: 'Sweet dates', max: 160, expected: 'Sweet dates' },
      {
        label: 'long text ends at a word',
        text: 'one two three four',
        max: 12,
        expected: 'one two…',
      },
      {
        label: 'one long word is cut',
        text: 'x'.repeat(20),
        max: 10,
        expected: `${'x'.repeat(9)}…`,
      },
      {
        label: 'Arabic counts characters',
        text: 'تمر سكري فاخر من القصيم',
        max: 12,
        expected: 'تمر سكري…',
      },
    ])
    .run(({ assert }, { text, max, expected }) => {
      assert.equal(summary(text, max), expected)
    })
})

test.group('Storefront SEO | JSON-LD', () => {
  test('a product with one variant has one Offer, its price as an exact decimal', ({ assert }) => {
    const item = variant()
    const data = productJsonLd(product([item]), item, store, 'https://dar.example/products/x')
    assert.equal(data['@type'], 'Product')
    assert.equal(data.sku, 'DATES')
    assert.equal(data.category, 'Food')
    assert.deepEqual(data.offers, {
      '@type': 'Offer',
      'url': storeUrl(store, `/products/${encodeURIComponent('تمر')}?variant=${item.id}`),
      'sku': 'DATES',
      'price': '12.500',
      'priceCurrency': 'KWD',
      'availability': 'https://schema.org/InStock',
    })
  })

  test('a product with variants has an Offer each; a sold-out one is OutOfStock', ({ assert }) => {
    const first = variant({ sku: null })
    const second = variant({ id: 'v2', sku: 'B', price: 5n, stock: 0, available: false })
    const data = productJsonLd(product([first, second]), second, store, 'u')
    assert.equal(data.sku, 'B')
    assert.lengthOf(data.offers as unknown[], 2)
    const [one, two] = data.offers as Record<string, string>[]
    assert.notProperty(one, 'sku')
    assert.equal(two.price, '0.005')
    assert.equal(two.availability, 'https://schema.org/OutOfStock')
  })

  test('no text can close the script element', ({ assert }) => {
    const json = scriptJson({ name: '</script><script>alert(1)</script> & \u2028' })
    assert.notInclude(json, '<')
    assert.notInclude(json, '>')
    assert.notInclude(json, '&')
    assert.deepEqual(JSON.parse(json), { name: '</script><script>alert(1)</script> & \u2028' })
  })
})

test.group('Storefront SEO | sitemap and robots', () => {
  test('the sitemap escapes addresses and writes lastmod in UTC', ({ assert }) => {
    const xml = sitemapXml([
      { loc: 'https://dar.example/' },
      { loc: "https://dar.example/search?a=1&b='2'", lastmod: new Date(Date.UTC(2026, 0, 2, 3)) },
    ])
    assert.include(xml, '<url><loc>https://dar.example/</loc></url>')
    assert.include(
      xml,
      '<url><loc>https://dar.example/search?a=1&amp;b=&apos;2&apos;</loc><lastmod>2026-01-02T03:00:00.000Z</lastmod></url>'
    )
    assert.isTrue(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset'))
  })

  test('robots.txt names the sitemap', ({ assert }) => {
    const text = robotsTxt('https://dar.example/sitemap.xml')
    assert.include(text, 'User-agent: *\nAllow: /\n')
    assert.include(text, '\nSitemap: https://dar.example/sitemap.xml\n')
  })
})
