import { test } from '@japa/runner'
import { trustProxyFrom } from '#core/mod'

/** TRUSTED_PROXIES values, and peers whose X-Forwarded-* headers each must and must not believe */
const CASES = [
  { list: undefined, trusted: [], untrusted: ['127.0.0.1', '::1', '10.0.0.1'] },
  { list: '', trusted: [], untrusted: ['127.0.0.1', '::1'] },
  { list: ' , ', trusted: [], untrusted: ['127.0.0.1'] },
  {
    list: '10.0.0.0/8',
    trusted: ['10.1.2.3', '::ffff:10.0.0.5'],
    untrusted: ['11.0.0.1', '127.0.0.1'],
  },
  {
    list: '127.0.0.1, 192.168.1.10',
    trusted: ['127.0.0.1', '192.168.1.10'],
    untrusted: ['192.168.1.11', '::1'],
  },
  { list: 'loopback', trusted: ['127.0.0.1', '::1'], untrusted: ['10.0.0.1'] },
  { list: '2001:db8::/32', trusted: ['2001:db8::1'], untrusted: ['2001:db9::1', '127.0.0.1'] },
]

test.group('trustProxyFrom (TRUSTED_PROXIES)', () => {
  for (const { list, trusted, untrusted } of CASES) {
    test(`${JSON.stringify(list)} trusts exactly ${JSON.stringify(trusted)}`, ({ assert }) => {
      const trust = trustProxyFrom(list)
      for (const address of trusted) assert.isTrue(trust(address, 0), `${address} is trusted`)
      for (const address of untrusted) assert.isFalse(trust(address, 0), `${address} is not`)
    })
  }

  test('an entry that is no address refuses to boot, naming the setting', ({ assert }) => {
    assert.throws(() => trustProxyFrom('10.0.0.1, proxy.internal'), /TRUSTED_PROXIES/)
  })
})
