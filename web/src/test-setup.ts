import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The whole app renders in most tests (session, then page); on two busy cores the first render
// of a file can take longer than Testing Library's default 1 s for findBy* queries. The bound
// is generous so that a loaded CI machine does not fail a test that is only slow; an element
// that never comes still fails the test, only later.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  document.documentElement.removeAttribute('style');
  delete document.documentElement.dataset.theme;
});
