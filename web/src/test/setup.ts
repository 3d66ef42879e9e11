import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import '../app/i18n';

// Pages load the whole app's modules; on a busy machine a first render can take more than a second.
configure({ asyncUtilTimeout: 4000 });

// Testing Library cleans up by itself only when test globals are on; they are not.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
