import type { ReactNode } from 'react'

/** A page's title (the one `h1`), a line about it, and actions on the right. */
export function PageHeader(props: { title: ReactNode; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1 id="page-title" tabIndex={-1}>
          {props.title}
        </h1>
        {props.lead === undefined ? null : <p className="page-lead">{props.lead}</p>}
      </div>
      {props.actions === undefined ? null : <div className="page-actions">{props.actions}</div>}
    </header>
  )
}

/** A titled card; the title names the region for screen readers. */
export function Panel(props: {
  title: string
  id: string
  children: ReactNode
  aside?: ReactNode
  className?: string
}) {
  return (
    <section className={`panel ${props.className ?? ''}`} aria-labelledby={`${props.id}-title`}>
      <div className="panel-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.aside === undefined ? null : <div className="panel-aside">{props.aside}</div>}
      </div>
      {props.children}
    </section>
  )
}

/** One headline figure: a label, the value, and a line of context. */
export function Figure(props: {
  label: string
  value: ReactNode
  note?: ReactNode
  tone?: string
}) {
  return (
    <div className={`figure ${props.tone === undefined ? '' : `figure-${props.tone}`}`}>
      <dt>{props.label}</dt>
      <dd>
        <span className="figure-value">{props.value}</span>
        {props.note === undefined ? null : <span className="figure-note">{props.note}</span>}
      </dd>
    </div>
  )
}
