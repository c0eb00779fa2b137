import type { FigurePerson } from '../../store/index.js'

/** What figures can be broken down by (issue 7 item 6). */
export const FIGURE_DIMENSIONS = ['manager', 'rep', 'reason', 'segment'] as const
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number]

/**
 * The groups one fact counts in, by dimension: group keys (a user id, a reason code, a segment;
 * `''` for none). A fact counts once in each of its groups (a case with two reps counts for both);
 * `null` means the dimension does not apply to it (churn has no reason before an exit interview).
 */
export type FigureTags = Readonly<Record<FigureDimension, readonly string[] | null>>

/** The key of "no one / no reason / no segment". */
export const NONE_KEY = ''

/** Who is who, to say which manager and which rep an owner stands for. */
export class People {
  private readonly byId: ReadonlyMap<number, FigurePerson>

  constructor(people: readonly FigurePerson[]) {
    this.byId = new Map(people.map((person) => [person.id, person]))
  }

  /** the person's name, or null for an unknown id */
  nameOf(id: number): string | null {
    return this.byId.get(id)?.name ?? null
  }

  /**
   * The manager an owner counts under: the owner when they are not a rep (cases are owned by a
   * manager or the VP, SPEC §4), else the rep's manager; none for no owner.
   */
  managerOf(ownerId: number | null): string {
    if (ownerId === null) {
      return NONE_KEY
    }
    const owner = this.byId.get(ownerId)
    if (owner?.role === 'rep') {
      return owner.manager_id === null ? NONE_KEY : String(owner.manager_id)
    }
    return String(ownerId)
  }

  /** The rep an account owner stands for: the owner when a rep, else none. */
  repOf(ownerId: number | null): string {
    return ownerId !== null && this.byId.get(ownerId)?.role === 'rep' ? String(ownerId) : NONE_KEY
  }
}

/** The tags of an account (churn, deals): its owner's manager and rep, its segment; no reason. */
export function accountTags(
  people: People,
  ownerId: number | null,
  segment: string | null,
): FigureTags {
  return {
    manager: [people.managerOf(ownerId)],
    rep: [people.repOf(ownerId)],
    reason: null,
    segment: [segment ?? NONE_KEY],
  }
}

/** Whether a fact counts in a group (no dimension: the whole program). */
export function inGroup(
  tags: FigureTags,
  group: { dimension: FigureDimension; key: string } | null,
): boolean {
  if (group === null) {
    return true
  }
  return tags[group.dimension]?.includes(group.key) ?? false
}
