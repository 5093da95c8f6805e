import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A range of UDP ports for one rtpengine, reserved on this machine until {@link RtpPortRange.release}. */
export interface RtpPortRange {
  readonly min: number;
  readonly max: number;
  /** Gives the range back (removes its lock files); idempotent. */
  release(): void;
}

/**
 * Where the ranges live: below Linux's ephemeral ports (32768–60999, what `getFreePort` and every
 * client socket get) and apart from baresip's `rtp_ports 30000-30999` (tests/support/baresip-client.ts).
 */
export const RTP_PORT_POOL = { min: 20_000, max: 29_999 } as const;
/** Ranges are whole blocks of this many ports. */
export const RTP_PORT_BLOCK = 100;

const LOCK_DIR = join(tmpdir(), 'switchboard-rtp-ports');

/**
 * Reserves `size` consecutive ports (a multiple of {@link RTP_PORT_BLOCK}) that no other
 * rtpengine started by this tooling on this machine uses — parallel test files each run one.
 * One lock file per block (`O_EXCL`, holding the owner's pid); a lock whose owner process is gone
 * is taken over. `preferredMin` (e.g. the dev stack's fixed range) is tried first.
 */
export function reserveRtpPortRange(size: number, preferredMin?: number): RtpPortRange {
  if (!Number.isInteger(size) || size < RTP_PORT_BLOCK || size % RTP_PORT_BLOCK !== 0) {
    throw new Error(`RTP port range size must be a multiple of ${RTP_PORT_BLOCK} (got ${size})`);
  }
  mkdirSync(LOCK_DIR, { recursive: true });
  const starts: number[] = [];
  for (let start = RTP_PORT_POOL.min; start + size - 1 <= RTP_PORT_POOL.max; start += RTP_PORT_BLOCK) {
    starts.push(start);
  }
  // a random start spreads parallel runs, so they rarely race for the same lock
  const offset = Math.floor(Math.random() * starts.length);
  const order = [...starts.slice(offset), ...starts.slice(0, offset)];
  if (preferredMin !== undefined && starts.includes(preferredMin)) order.unshift(preferredMin);
  for (const start of order) {
    const taken: string[] = [];
    let ok = true;
    for (let block = start; block < start + size; block += RTP_PORT_BLOCK) {
      const lock = join(LOCK_DIR, `${block}.lock`);
      if (!tryLock(lock)) {
        ok = false;
        break;
      }
      taken.push(lock);
    }
    if (!ok) {
      for (const lock of taken) rmSync(lock, { force: true });
      continue;
    }
    let released = false;
    return {
      min: start,
      max: start + size - 1,
      release() {
        if (released) return;
        released = true;
        for (const lock of taken) rmSync(lock, { force: true });
      },
    };
  }
  throw new Error(
    `no free RTP port range of ${size} ports in ${RTP_PORT_POOL.min}-${RTP_PORT_POOL.max} (locks in ${LOCK_DIR})`,
  );
}

function tryLock(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    // held: take it over only if its owner is gone (a killed test run)
    let owner: number;
    try {
      owner = Number(readFileSync(path, 'utf8').trim());
    } catch {
      return false;
    }
    if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) return false;
    rmSync(path, { force: true });
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      return false;
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
