import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served on the same origin as the API; in development Vite forwards /api to the provisioner.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: { outDir: 'dist', sourcemap: true },
});
