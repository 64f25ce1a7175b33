/** Vite bundles CSS imported for its side effect (the preview's page styles). */
declare module '*.css';
