import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the page with hot reload on :5173 and forwards the API and Socket.IO to
// the backend (`npm start` in examples/nest-rca, DEMO_AUTH=true), so the page always talks to
// its own origin, as it does when the backend serves the built page.
const BACKEND = process.env.BACKEND_URL ?? 'http://localhost:3000';
const API_PATHS = ['/auth', '/rcas', '/presence', '/tenant', '/users', '/realtime'];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      ...Object.fromEntries(API_PATHS.map((path) => [path, { target: BACKEND }])),
      '/socket.io': { target: BACKEND, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
