import { act, render, screen } from '@testing-library/react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

/**
 * Where the focus starts: on a loaded document (first visit or reload) at the top, where the skip link is
 * the first stop; after every navigation inside the app on the new page's heading.
 */
describe('Page focus', () => {
  it('leaves the focus alone on a reloaded entry and moves it to the heading on every navigation', async () => {
    // A reload: React Router's key of the entry is still in history.state when the app starts.
    window.history.replaceState({ usr: null, key: 'loaded', idx: 0 }, '', '/first');
    vi.resetModules();
    const { Page } = await import('./Page');
    const router = createBrowserRouter([
      { path: '/first', element: <Page title="Erste Seite">Inhalt</Page> },
      { path: '/second', element: <Page title="Zweite Seite">Inhalt</Page> },
    ]);
    render(<RouterProvider router={router} />);

    const first = await screen.findByRole('heading', { level: 1, name: 'Erste Seite' });
    expect(document.activeElement).not.toBe(first);
    expect(document.activeElement).toBe(document.body);

    await act(() => router.navigate('/second'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Zweite Seite' }));

    // Back to the loaded entry is a navigation too.
    await act(() => router.navigate(-1));
    const again = await screen.findByRole('heading', { level: 1, name: 'Erste Seite' });
    expect(document.activeElement).toBe(again);
    router.dispose();
  });
});
