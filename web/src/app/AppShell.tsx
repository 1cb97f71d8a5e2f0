import { useEffect, useRef, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { productName } from '../base/ui/useDocumentTitle';

const mainId = 'main';

const navigation = [
  { to: '/', label: 'Home' },
  { to: '/settings', label: 'Settings' },
  { to: '/about', label: 'About' },
] as const;

/**
 * The frame around every page: skip link, header with the primary navigation, main, footer.
 *
 * After a client-side navigation, focus moves to the new page's h1 and a live region says which
 * page loaded, as a full page load would for a screen reader (the pattern Gatsby adopted after
 * user testing: https://www.gatsbyjs.com/blog/2019-07-11-user-testing-accessible-client-routing/).
 */
export function AppShell() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const announcer = useRef<HTMLParagraphElement>(null);
  const previousPath = useRef(pathname);

  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    // Page effects run before this parent effect, so document.title is already the new page's.
    if (announcer.current) announcer.current.textContent = document.title;
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [pathname]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    // focus() also scrolls main into view.
    main.current?.focus();
  };

  return (
    <div className="shell">
      <a className="skip-link" href={`#${mainId}`} onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <p className="brand">
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <path d="M16 4c3.4 5.6 8 8.4 8 14.6a8 8 0 0 1-16 0c0-3.4 1.7-5.6 3.4-7.3 0 2.8 1.1 4.5 2.8 5.1C13.7 12 13.7 8 16 4z" />
            </svg>
            <span>{productName}</span>
          </p>
          <nav className="site-nav" aria-label="Primary">
            <ul>
              {navigation.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end className="site-nav__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id={mainId} ref={main} tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          {productName} — virtual intensive outpatient programs. <Link to="/about">About this system</Link>
        </p>
      </footer>
      <p ref={announcer} className="visually-hidden" aria-live="polite" aria-atomic="true" />
    </div>
  );
}
