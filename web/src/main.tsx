import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import './app/i18n';
import { routes } from './app/router';
import { SessionProvider } from './app/session';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks #root');

const router = createBrowserRouter(routes);

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
