import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import '../app/i18n';

// Testing Library cleans up by itself only when test globals are on; they are not.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
