import { test } from '@japa/runner'
import { BoundedMap } from '#core/mod'

test.group('BoundedMap', () => {
  test('past its limit it drops the entry touched longest ago', ({ assert }) => {
    const map = new BoundedMap<string, number>(2)
    map.set('a', 1)
    map.set('b', 2)
    assert.equal(map.get('a'), 1, 'reading a makes b the oldest')
    map.set('c', 3)
    assert.isUndefined(map.get('b'))
    assert.equal(map.get('a'), 1)
    assert.equal(map.get('c'), 3)
  })

  test('writing a key again replaces its value without growing', ({ assert }) => {
    const map = new BoundedMap<string, number>(2)
    map.set('a', 1)
    map.set('b', 2)
    map.set('a', 10)
    map.set('c', 3)
    assert.equal(map.get('a'), 10)
    assert.isUndefined(map.get('b'))
  })

  test('falsy values (0, an empty string) are found like any other', ({ assert }) => {
    const map = new BoundedMap<string, string | number>(3)
    map.set('zero', 0)
    map.set('empty', '')
    assert.strictEqual(map.get('zero'), 0)
    assert.strictEqual(map.get('empty'), '')
  })
})
