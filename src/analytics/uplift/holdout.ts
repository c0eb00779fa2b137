import { createHash } from 'node:crypto'

/** The default share of a campaign's members held out (SPEC §5: a random 10 % holdout). */
export const DEFAULT_HOLDOUT_SHARE = 0.1

/**
 * A number in [0, 1) fixed by the seed and the subject: the first 48 bits of SHA-256 of both.
 * The same campaign and subject always get the same number, so assignment is reproducible and
 * needs nothing stored to be checked again.
 */
export function holdoutDraw(seed: string, subject: string): number {
  const digest = createHash('sha256').update(`${seed}\u0000${subject}`).digest()
  return digest.readUIntBE(0, 6) / 2 ** 48
}

/** True when the subject falls in the holdout: its draw is below the share. */
export function isHeldOut(seed: string, subject: string, share = DEFAULT_HOLDOUT_SHARE): boolean {
  return holdoutDraw(seed, subject) < share
}
