/**
 * @module
 * Which IP addresses the wire desk may connect to. Everything that is not a public unicast
 * address is refused: loopback, private (RFC 1918), CGNAT, link-local (cloud metadata at
 * 169.254.169.254), multicast, unspecified, reserved and documentation ranges, IPv6
 * unique-local and link-local, and every IPv6 form that embeds an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) so that an internal IPv4 address
 * cannot be smuggled in through IPv6.
 */
import net from 'node:net'

interface Range {
  readonly prefix: string
  readonly bits: number
  readonly reason: string
}

const IPV4: readonly Range[] = [
  { prefix: '0.0.0.0', bits: 8, reason: 'unspecified' },
  { prefix: '10.0.0.0', bits: 8, reason: 'private' },
  { prefix: '100.64.0.0', bits: 10, reason: 'cgnat' },
  { prefix: '127.0.0.0', bits: 8, reason: 'loopback' },
  { prefix: '169.254.0.0', bits: 16, reason: 'link-local' },
  { prefix: '172.16.0.0', bits: 12, reason: 'private' },
  { prefix: '192.0.0.0', bits: 24, reason: 'reserved' },
  { prefix: '192.0.2.0', bits: 24, reason: 'documentation' },
  { prefix: '192.88.99.0', bits: 24, reason: 'reserved' },
  { prefix: '192.168.0.0', bits: 16, reason: 'private' },
  { prefix: '198.18.0.0', bits: 15, reason: 'reserved' },
  { prefix: '198.51.100.0', bits: 24, reason: 'documentation' },
  { prefix: '203.0.113.0', bits: 24, reason: 'documentation' },
  { prefix: '224.0.0.0', bits: 4, reason: 'multicast' },
  { prefix: '240.0.0.0', bits: 4, reason: 'reserved' },
]

const IPV6: readonly Range[] = [
  { prefix: '::', bits: 128, reason: 'unspecified' },
  { prefix: '::1', bits: 128, reason: 'loopback' },
  { prefix: '::ffff:0:0', bits: 96, reason: 'ipv4-mapped' },
  { prefix: '::', bits: 96, reason: 'ipv4-compatible' },
  { prefix: '64:ff9b::', bits: 96, reason: 'nat64' },
  { prefix: '64:ff9b:1::', bits: 48, reason: 'nat64' },
  { prefix: '100::', bits: 64, reason: 'reserved' },
  { prefix: '2001::', bits: 32, reason: 'teredo' },
  { prefix: '2001:db8::', bits: 32, reason: 'documentation' },
  { prefix: '2002::', bits: 16, reason: '6to4' },
  { prefix: 'fc00::', bits: 7, reason: 'unique-local' },
  { prefix: 'fe80::', bits: 10, reason: 'link-local' },
  { prefix: 'fec0::', bits: 10, reason: 'site-local' },
  { prefix: 'ff00::', bits: 8, reason: 'multicast' },
]

function blockList(ranges: readonly Range[], family: 'ipv4' | 'ipv6'): Array<{ list: net.BlockList; reason: string }> {
  return ranges.map((r) => {
    const list = new net.BlockList()
    list.addSubnet(r.prefix, r.bits, family)
    return { list, reason: r.reason }
  })
}

const V4 = blockList(IPV4, 'ipv4')
const V6 = blockList(IPV6, 'ipv6')

/**
 * Why an address must not be contacted, or null for a public unicast address.
 * Anything that is not a literal IPv4 or IPv6 address is refused as 'invalid'.
 */
export function blockedReason(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, '')
  const family = net.isIP(ip)
  if (family === 4) {
    for (const { list, reason } of V4) if (list.check(ip, 'ipv4')) return reason
    if (ip === '255.255.255.255') return 'broadcast'
    return null
  }
  if (family === 6) {
    // A zone index (fe80::1%eth0) only exists for link-local addresses.
    if (ip.includes('%')) return 'link-local'
    for (const { list, reason } of V6) if (list.check(ip, 'ipv6')) return reason
    return null
  }
  return 'invalid'
}

/** Polish description of a refusal reason, for messages shown to editors. */
export function reasonLabel(reason: string): string {
  switch (reason) {
    case 'loopback':
      return 'adres pętli zwrotnej (localhost)'
    case 'private':
      return 'adres sieci prywatnej'
    case 'cgnat':
      return 'adres sieci operatora (CGNAT)'
    case 'link-local':
      return 'adres lokalny łącza'
    case 'multicast':
      return 'adres rozgłoszeniowy (multicast)'
    case 'broadcast':
      return 'adres rozgłoszeniowy'
    case 'unspecified':
      return 'adres nieokreślony'
    case 'ipv4-mapped':
    case 'ipv4-compatible':
    case 'nat64':
    case '6to4':
    case 'teredo':
      return 'adres IPv6 z osadzonym adresem IPv4'
    case 'unique-local':
    case 'site-local':
      return 'adres lokalny IPv6'
    case 'documentation':
    case 'reserved':
      return 'adres zarezerwowany'
    default:
      return 'niedozwolony adres'
  }
}
