import { afterEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { changeLanguage, currentLanguage } from '../app/i18n';

// Pages load the whole app's modules; on a busy machine a first render can take more than a second.
configure({ asyncUtilTimeout: 4000 });

// Testing Library cleans up by itself only when test globals are on; they are not. The test files of a worker
// share one module cache (vitest.config.ts: isolate false), so whatever a test changes globally is put back here:
// the page, stored settings, stubbed globals and timers, and the language (a session in English switches it).
afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  if (currentLanguage() !== 'de') await changeLanguage('de');
});
