import { humanize } from '../lib/format.js'

/** A lapse status (or deal status) as a coloured pill with its name in words. */
export function StatusBadge(props: { status: string }) {
  const tone = /^[a-z_]+$/.test(props.status) ? props.status : 'other'
  return <span className={`badge badge-${tone}`}>{humanize(props.status)}</span>
}
