import { BlockList, isIP } from 'node:net'

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/** True for 127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6 (::ffff:127.0.0.1) */
export function isLoopbackAddress(address: string) {
  const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)
  const plain = mapped ? mapped[1] : address
  const family = isIP(plain)
  if (family === 4) return loopback.check(plain, 'ipv4')
  if (family === 6) return loopback.check(plain, 'ipv6')
  return false
}

/**
 * The development mailbox shows every mail, sign-in links included, so it
 * opens only where nobody else could be reading: a development process
 * whose generated `.env` switched it on, asked from this very machine.
 */
export function devMailboxOpensTo(
  setting: { environment: string; switchedOn: boolean },
  clientAddress: string
) {
  return (
    setting.environment === 'development' && setting.switchedOn && isLoopbackAddress(clientAddress)
  )
}
