import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { newTenantRules, isReservedSlug } from '#tenancy/mod'

const validator = vine.compile(vine.object({ slug: newTenantRules.slug }))

async function check(slug: unknown) {
  try {
    const { slug: cleaned } = await validator.validate({ slug })
    return { ok: true as const, cleaned }
  } catch (error) {
    return {
      ok: false as const,
      rules: (error as { messages: { rule: string }[] }).messages.map((m) => m.rule),
    }
  }
}

test.group('Slugs | valid', () => {
  test('"{input}" is accepted as "{cleaned}"')
    .with([
      { input: 'abc', cleaned: 'abc' },
      { input: 'my-store', cleaned: 'my-store' },
      { input: 'store42', cleaned: 'store42' },
      { input: 'a1b', cleaned: 'a1b' },
      { input: '  Trimmed-Store ', cleaned: 'trimmed-store' },
      { input: 'MiXeD', cleaned: 'mixed' },
      { input: `a${'b'.repeat(38)}c`, cleaned: `a${'b'.repeat(38)}c` },
    ])
    .run(async ({ assert }, { input, cleaned }) => {
      assert.deepEqual(await check(input), { ok: true, cleaned })
    })
})

test.group('Slugs | invalid', () => {
  test('"{$self}" is refused')
    .with([
      '',
      'ab',
      '1abc',
      '-abc',
      'abc-',
      'ab_c',
      'ab.c',
      'ab c',
      'café',
      `a${'b'.repeat(39)}c`,
      'xn--',
    ])
    .run(async ({ assert }, input) => {
      const result = await check(input)
      assert.isFalse(result.ok, `"${input}" was accepted`)
    })

  test('a non-string is refused', async ({ assert }) => {
    assert.isFalse((await check(42)).ok)
    assert.isFalse((await check(null)).ok)
  })
})

test.group('Slugs | reserved', () => {
  test('"{$self}" is reserved')
    .with(['admin', 'api', 'dashboard', 'www', 'health', 'ready', 's', 'Admin', ' signup '])
    .run(async ({ assert }, input) => {
      const result = await check(input)
      assert.isFalse(result.ok)
      if (!result.ok && input.trim().length >= 3) assert.include(result.rules, 'reservedSlug')
      assert.isTrue(isReservedSlug(input.trim().toLowerCase()))
    })
})
