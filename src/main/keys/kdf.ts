// Argon2id key derivation for password slots: parameters live in each slot, a floor is enforced in code,
// and setup calibrates memory on this machine. Outputs a raw 32-byte KEK.
import argon2 from 'argon2'
import { AppError } from '../../shared/ipc/result'

export interface KdfParams {
  alg: 'argon2id'
  /** memory in KiB */
  m: number
  t: number
  p: number
  /** base64, 16 bytes or more */
  salt: string
}

/** The floor from DESIGN.md: 64 MiB, t = 3, p = 4. A slot below it is refused, never used. */
export const KDF_FLOOR = { m: 65536, t: 3, p: 4 } as const
export const KDF_MAX_MEMORY = 262144 // 256 MiB

export function assertKdfFloor(params: KdfParams, label: string): void {
  const saltLen = Buffer.from(params.salt, 'base64').length
  if (
    params.alg !== 'argon2id' ||
    !Number.isInteger(params.m) ||
    !Number.isInteger(params.t) ||
    !Number.isInteger(params.p) ||
    params.m < KDF_FLOOR.m ||
    params.t < KDF_FLOOR.t ||
    params.p < KDF_FLOOR.p ||
    params.m > 4 * 1024 * 1024 ||
    params.t > 64 ||
    params.p > 64 ||
    saltLen < 16
  ) {
    throw new AppError(
      'CORRUPT_DATA',
      `${label} has key-derivation parameters below the allowed minimum (Argon2id 64 MiB, t=3, p=4) or out of range: refusing to use it.`,
      { details: { file: 'keyring.json' } },
    )
  }
}

export async function deriveKek(password: string, params: KdfParams): Promise<Buffer> {
  return argon2.hash(password.normalize('NFC'), {
    type: argon2.argon2id,
    raw: true,
    hashLength: 32,
    memoryCost: params.m,
    timeCost: params.t,
    parallelism: params.p,
    salt: Buffer.from(params.salt, 'base64'),
  })
}

export type KdfCost = Pick<KdfParams, 'm' | 't' | 'p'>

/**
 * Picks the memory cost for this machine: doubles memory from the floor while one derivation stays
 * under half of `targetMs`, so the chosen one lands near `targetMs` (capped at 256 MiB).
 */
export async function calibrateKdf(targetMs = 500, now: () => number = () => performance.now()): Promise<KdfCost> {
  let m: number = KDF_FLOOR.m
  const probe = { alg: 'argon2id' as const, t: KDF_FLOOR.t, p: KDF_FLOOR.p, salt: Buffer.alloc(16, 7).toString('base64') }
  for (;;) {
    const start = now()
    ;(await deriveKek('calibration', { ...probe, m })).fill(0)
    const took = now() - start
    if (m * 2 > KDF_MAX_MEMORY || took * 2 > targetMs) break
    m *= 2
  }
  return { m, t: KDF_FLOOR.t, p: KDF_FLOOR.p }
}
