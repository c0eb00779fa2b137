import type { ResurfacedItem } from './resurface.js'

/** The customers and deals a fix or a new decision maker brought back, by id. */
export interface ResurfacedIds {
  readonly resurfacedCustomerIds: string[]
  readonly resurfacedDealIds: number[]
}

/**
 * The distinct ids of what was resurfaced: lost customers by customer id, lost deals by deal id
 * (what `fix add --json` and `POST /api/fixes` list).
 * @example resurfacedIds(result.resurfaced).resurfacedDealIds // [12, 40]
 */
export function resurfacedIds(items: readonly ResurfacedItem[]): ResurfacedIds {
  return {
    resurfacedCustomerIds: [
      ...new Set(items.filter((item) => item.subjectKind === 'customer').map((i) => i.customerId)),
    ],
    resurfacedDealIds: [
      ...new Set(
        items.flatMap((item) =>
          item.subjectKind === 'deal' && item.dealId !== null ? [item.dealId] : [],
        ),
      ),
    ],
  }
}
