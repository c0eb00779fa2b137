import type { Territory } from './demo-types.js'
import type { Random } from './random.js'
import type { Seller, Staff } from './staff.js'

/** One owner spell in day numbers; `toDay` null while it lasts. */
export interface OwnerSpell {
  readonly email: string
  readonly fromDay: number
  readonly toDay: number | null
}

/**
 * Who owned one account when: a rep of its territory from the first order; a rep who left hands
 * their accounts to their manager (SPEC: an account whose owner left falls to that owner's
 * manager); now and then an account moves to another rep, often a newcomer.
 */
export function drawOwnership(
  random: Random,
  staff: Staff,
  account: { readonly territory: Territory; readonly fromDay: number; readonly asOfDay: number },
): OwnerSpell[] {
  const reps = staff.repsByTerritory[account.territory]
  const manager = staff.managerByTerritory[account.territory]
  const first = sellerAt(random, reps, account.fromDay)
  if (first === null) {
    return [{ email: manager, fromDay: account.fromDay, toDay: null }]
  }
  if (first.leftDay !== null && first.leftDay < account.asOfDay) {
    return [
      { email: first.email, fromDay: account.fromDay, toDay: first.leftDay },
      { email: manager, fromDay: first.leftDay, toDay: null },
    ]
  }
  if (random.chance(0.15)) {
    const moveDay = random.integer(account.fromDay + 30, account.asOfDay + 200)
    const next = moveDay < account.asOfDay ? sellerAt(random, reps, moveDay) : null
    if (next !== null && next.email !== first.email && next.leftDay === null) {
      return [
        { email: first.email, fromDay: account.fromDay, toDay: moveDay },
        { email: next.email, fromDay: moveDay, toDay: null },
      ]
    }
  }
  return [{ email: first.email, fromDay: account.fromDay, toDay: null }]
}

/** The owner on a given day (the last spell that began by then). */
export function ownerOn(spells: readonly OwnerSpell[], day: number): string {
  let owner = spells[0]?.email ?? ''
  for (const spell of spells) {
    if (spell.fromDay <= day) {
      owner = spell.email
    }
  }
  return owner
}

function sellerAt(random: Random, reps: readonly Seller[], day: number): Seller | null {
  const working = reps.filter(
    (rep) => rep.startDay <= day && (rep.leftDay === null || rep.leftDay > day),
  )
  return working.length === 0 ? null : random.pick(working)
}
