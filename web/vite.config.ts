import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Paths are relative to this folder: `npm run build -w web` (and `npm start`) write to web/dist, which the
// server serves in production. In development, `npm run dev -w web` proxies /api to the server on :3000.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
