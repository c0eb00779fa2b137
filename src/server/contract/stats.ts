import { z } from 'zod'

/** `GET /api/stats`: how many rows the store holds, as readers see them. */
export const statsResponseSchema = z.object({
  customers: z.number().int(),
  orders: z.number().int(),
  deals: z.number().int(),
  incidents: z.number().int(),
  contacts: z.number().int(),
  contracts: z.number().int(),
  imports: z.number().int(),
  users: z.number().int(),
})

export type StatsResponse = z.infer<typeof statsResponseSchema>
