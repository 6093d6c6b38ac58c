import { test } from '@japa/runner'
import { devMailboxOpensTo, isLoopbackAddress } from '#identity/services/dev_mailbox_access'

test.group('Development mailbox access', () => {
  const development = { environment: 'development', switchedOn: true }
  const cases: { name: string; setting: typeof development; address: string; opens: boolean }[] = [
    {
      name: 'development, switched on, IPv4 loopback',
      setting: development,
      address: '127.0.0.1',
      opens: true,
    },
    { name: 'anywhere in 127.0.0.0/8', setting: development, address: '127.8.9.10', opens: true },
    { name: 'IPv6 loopback', setting: development, address: '::1', opens: true },
    {
      name: 'IPv4 loopback mapped into IPv6',
      setting: development,
      address: '::ffff:127.0.0.1',
      opens: true,
    },
    {
      name: 'a private-network client',
      setting: development,
      address: '192.168.1.20',
      opens: false,
    },
    { name: 'a public client', setting: development, address: '203.0.113.7', opens: false },
    {
      name: 'a mapped public client',
      setting: development,
      address: '::ffff:203.0.113.7',
      opens: false,
    },
    { name: 'no address at all', setting: development, address: '', opens: false },
    {
      name: 'switched off',
      setting: { environment: 'development', switchedOn: false },
      address: '127.0.0.1',
      opens: false,
    },
    {
      name: 'the test environment',
      setting: { environment: 'test', switchedOn: true },
      address: '127.0.0.1',
      opens: false,
    },
    {
      name: 'production',
      setting: { environment: 'production', switchedOn: true },
      address: '127.0.0.1',
      opens: false,
    },
  ]
  for (const { name, setting, address, opens } of cases) {
    test(`${opens ? 'opens' : 'stays closed'}: ${name}`, ({ assert }) => {
      assert.equal(devMailboxOpensTo(setting, address), opens)
    })
  }

  test('a host name is not mistaken for a loopback address', ({ assert }) => {
    assert.isFalse(isLoopbackAddress('localhost'))
    assert.isFalse(isLoopbackAddress('127.0.0.1.evil.test'))
  })
})
