// An address of this machine that is not loopback, for tests that must reach (or fail to reach)
// the server the way another machine on the network would.
import { networkInterfaces } from 'node:os';

/** The first external IPv4 address, else a non-link-local IPv6 one; null on a machine with neither. */
export function nonLoopbackAddress(): string | null {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const external = all.filter((a) => !a.internal);
  const v4 = external.find((a) => a.family === 'IPv4');
  if (v4) return v4.address;
  return external.find((a) => a.family === 'IPv6' && !a.address.startsWith('fe80:'))?.address ?? null;
}

/** The address as a URL host. */
export function urlHostOf(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
