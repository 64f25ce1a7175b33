// Vite's default resolve conditions (no "source"): the packages resolve to their built
// dist/ exactly as they would from npm.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022' },
});
