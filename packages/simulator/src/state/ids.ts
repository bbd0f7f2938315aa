import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Identifier factory. Seeded runs give the same meeting and user IDs every time (stable demos and tests);
 * tokens are always cryptographically random, since they stand for credentials even in a simulator.
 */
export class IdFactory {
  private state: number;

  constructor(seed: string) {
    // FNV-1a of the seed text starts a mulberry32 sequence.
    let hash = 2166136261;
    for (const ch of seed) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
    this.state = hash;
  }

  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** 32 lowercase hex characters (user UUIDs, confUUIDs). */
  uuid(): string {
    let out = '';
    for (let i = 0; i < 32; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A numeric string of the given length, not starting with 0 (meeting IDs, SIP numbers). */
  digits(length: number): string {
    let out = String(1 + Math.floor(this.next() * 9));
    while (out.length < length) out += Math.floor(this.next() * 10);
    return out;
  }

  /** A password of the given number of digits. */
  pin(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 10);
    return out;
  }

  /** An opaque token string (random, never seeded). */
  token(length = 40): string {
    let out = '';
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALNUM[byte % ALNUM.length];
      if (out.length === length) break;
    }
    return out;
  }
}
