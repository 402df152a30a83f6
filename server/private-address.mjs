// Whether an address is one the server must not fetch for a client (`file=http://…`): loopback,
// private networks, link-local (cloud metadata at 169.254.169.254), unspecified, multicast and
// the like. Hostnames are resolved first, so "localhost", "2130706433", "0x7f.1" and
// "[::ffff:127.0.0.1]" are all caught as the loopback they are.
import { lookup, Resolver } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, bits] of /** @type {[string, number][]} */ ([
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
]))
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of /** @type {[string, number][]} */ ([
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 of any IPv4
]))
  blocked.addSubnet(net, bits, 'ipv6');

/** @param {string} address a literal IPv4 or IPv6 address */
function isPrivateAddress(address) {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, 'ipv6');
}

/**
 * Every address a host name resolves to (the system resolver, as connections would use).
 * @param {string} host @returns {Promise<{ address: string, family: number }[]>}
 */
export async function resolveHost(host) {
  return lookup(host, { all: true, verbatim: true });
}

/**
 * A resolver that asks the given DNS server (`host:port`) directly, for tests that answer DNS
 * themselves (a rebinding name) without touching the network.
 * @param {string} server @returns {(host: string) => Promise<{ address: string, family: number }[]>}
 */
export function resolverAt(server) {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  return async (host) => {
    const [v4, v6] = await Promise.all([resolver.resolve4(host).catch(() => []), resolver.resolve6(host).catch(() => [])]);
    return [...v4.map((address) => ({ address, family: 4 })), ...v6.map((address) => ({ address, family: 6 }))];
  };
}

/**
 * Throws when any of a host's addresses is one the server must not fetch.
 * @param {string} host @param {{ address: string }[]} addresses @param {(message: string) => Error} refuse
 */
export function checkAddresses(host, addresses, refuse) {
  if (!addresses.length || addresses.some((a) => isPrivateAddress(a.address))) {
    throw refuse(
      `the host ${host} is a loopback or private address, which this server does not fetch (start it with --allow-private-fetch for local development)`,
    );
  }
}
