import { type ReactNode, useEffect } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../api";
import { useMe, useSessionChanged } from "../session";
import { NotificationBell } from "./notifications";

/** The page's title in the tab, so history and screen readers say where the person is. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Docket` : "Docket";
  }, [title]);
}

/** Header, skip link and main landmark around every signed-in page. */
export function AppShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const me = useMe();
  const sessionChanged = useSessionChanged();
  const [, navigate] = useLocation();
  async function signOut() {
    await api("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
    sessionChanged(null);
    navigate("/sign-in");
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          Docket
        </Link>
        <nav aria-label="Account" className="account">
          {me.data ? <NotificationBell /> : null}
          {me.data ? <span className="muted">{me.data.user.name}</span> : null}
          <button type="button" className="button button-quiet" onClick={signOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main" className={wide ? "page page-wide" : "page"} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
