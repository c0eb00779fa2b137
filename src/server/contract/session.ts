import { z } from 'zod'
import { ROLES } from '../../domain/access-policy.js'

/** The roles, as the API names them. */
export const roleSchema = z.enum(ROLES as readonly ['admin', 'vp', 'manager', 'rep', 'analyst'])

/** `POST /api/session`: sign in with email and password. Unknown fields are refused. */
export const signInRequestSchema = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
})

/** The signed-in user. */
export const sessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  managerId: z.number().int().nullable(),
})

/** Where the session stands with its second factor. */
export const secondFactorStateSchema = z.object({
  enrolled: z.boolean(),
  verified: z.boolean(),
  required: z.boolean(),
})

/**
 * `GET /api/me` and the answer to every sign-in step: who is signed in, whether a second factor
 * is still owed (`fullAccess` false), and the CSRF token to send as `X-CSRF-Token` on writes.
 */
export const meResponseSchema = z.object({
  user: sessionUserSchema,
  secondFactor: secondFactorStateSchema,
  fullAccess: z.boolean(),
  csrfToken: z.string(),
})

/** `POST /api/session/second-factor`: a TOTP code or one recovery code. */
export const secondFactorRequestSchema = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    recoveryCode: z.string().min(10).max(32).optional(),
  })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: 'give either code or recoveryCode',
  })

/** `POST /api/me/totp`: the new secret, shown once, and its `otpauth://` URI for a QR code. */
export const totpEnrolmentResponseSchema = z.object({
  secretBase32: z.string(),
  otpauthUri: z.string(),
})

/** `POST /api/me/totp/confirm`: the first code from the authenticator app. */
export const totpConfirmRequestSchema = z.strictObject({
  code: z.string().regex(/^\d{6}$/),
})

/** The confirmed session, plus the recovery codes, shown this once. */
export const totpConfirmResponseSchema = meResponseSchema.extend({
  recoveryCodes: z.array(z.string()),
})

export type SignInRequest = z.infer<typeof signInRequestSchema>
export type MeResponse = z.infer<typeof meResponseSchema>
