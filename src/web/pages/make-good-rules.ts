import type {
  MakeGoodItem,
  MakeGoodSettingsResponse,
  MakeGoodSuggestionResponse,
} from '../../server/contract/make-goods.js'
import type { Role } from '../api/contract-types.js'

export type MakeGoodKindName = MakeGoodItem['kind']
export type MakeGoodFlagName = MakeGoodItem['flags'][number]

/** The kinds in the order the form offers them; the discouraged price concession last. */
export const MAKE_GOOD_KIND_LABELS: Readonly<Record<MakeGoodKindName, string>> = {
  service_credit: 'Service credit',
  free_work: 'Free work',
  extended_warranty: 'Extended warranty',
  gift: 'Gift',
  price_concession: 'Price concession',
}

/**
 * The flags an offer of `valueMinor` would carry, as the server will set them on saving (the same
 * comparisons as `makeGoodFlags` in src/domain/make-good.ts, on the bounds the suggestion sent),
 * so the form can warn while someone types. The server's flags on the saved offer are the record.
 */
export function liveFlags(
  valueMinor: number | null,
  kind: MakeGoodKindName,
  bounds: Pick<MakeGoodSuggestionResponse, 'tooSmallBelowMinor' | 'tooLargeAboveMinor'>,
): MakeGoodFlagName[] {
  const flags: MakeGoodFlagName[] = []
  if (valueMinor !== null && valueMinor < bounds.tooSmallBelowMinor) {
    flags.push('too_small')
  }
  if (
    valueMinor !== null &&
    bounds.tooLargeAboveMinor !== null &&
    valueMinor > bounds.tooLargeAboveMinor
  ) {
    flags.push('too_large')
  }
  if (kind === 'price_concession') {
    flags.push('price_concession')
  }
  return flags
}

/** Whether the signed-in person may approve an offer, or whom it needs. */
export type ApprovalStanding =
  | { readonly kind: 'may' }
  | { readonly kind: 'needs'; readonly who: 'VP' | 'manager or VP' }
  | { readonly kind: 'none' }

type Limits = MakeGoodSettingsResponse['limits']

// SPEC access policy: an admin may do all the VP may; analysts approve nothing
function limitOf(role: Role, limits: Limits): number | null | undefined {
  switch (role) {
    case 'rep':
      return limits.rep
    case 'manager':
      return limits.manager
    case 'vp':
    case 'admin':
      return limits.vp
    case 'analyst':
      return undefined
  }
}

const covers = (limit: number | null, valueMinor: number) => limit === null || valueMinor <= limit

/**
 * Which buttons the case page shows for an offer, from the role and the limits an admin set (the
 * rules of `approvalRefusal` in src/domain/make-good-approval.ts): a price concession needs the
 * VP; above one's own limit it needs someone with a higher one. Only a hint: the server decides
 * every approval, and the page shows its refusal.
 */
export function approvalStanding(
  role: Role,
  offer: Pick<MakeGoodItem, 'kind' | 'valueMinor'>,
  limits: Limits,
): ApprovalStanding {
  if (offer.kind === 'price_concession') {
    return role === 'vp' ? { kind: 'may' } : { kind: 'needs', who: 'VP' }
  }
  const own = limitOf(role, limits)
  if (own === undefined) {
    return { kind: 'none' }
  }
  if (covers(own, offer.valueMinor)) {
    return { kind: 'may' }
  }
  return role === 'rep' && covers(limits.manager, offer.valueMinor)
    ? { kind: 'needs', who: 'manager or VP' }
    : { kind: 'needs', who: 'VP' }
}

/** A flag as a short warning for people. */
export function flagWords(flag: MakeGoodFlagName): string {
  switch (flag) {
    case 'too_small':
      return 'Too small for the damage'
    case 'too_large':
      return 'Too large: more than their business is worth'
    case 'price_concession':
      return 'Price concession: needs the VP and a written reason'
  }
}
