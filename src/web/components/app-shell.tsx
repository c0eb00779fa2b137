import { type ReactNode, useState } from 'react'
import { Link, useLocation } from '../lib/router.js'
import { useMe, useSession } from '../lib/session.js'
import { isCurrentSection, navItemsFor, roleName } from './navigation.js'

/** The frame of every signed-in page: skip link, brand, navigation by role, the user, sign-out. */
export function AppShell(props: { children: ReactNode }) {
  const me = useMe()
  const { signOut } = useSession()
  const { pathname } = useLocation()
  const [signingOut, setSigningOut] = useState(false)
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand-mark">
          <span className="brand-logo" aria-hidden="true">
            ↺
          </span>
          Comeback
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {navItemsFor(me.user.role).map((item) => (
              <li key={item.path}>
                <Link
                  to={item.path}
                  aria-current={isCurrentSection(item.path, pathname) ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-box">
          <span className="user-name">
            {me.user.name}
            <span className="user-role">{roleName(me.user.role)}</span>
          </span>
          <button
            type="button"
            className="button button-ghost"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true)
              signOut().catch(() => setSigningOut(false))
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  )
}
