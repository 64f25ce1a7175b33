/**
 * Loaded before the Node tests. msw 3 uses `Promise.withResolvers` and the ES2025 Set
 * methods, which Node 20 lacks (see shared/TOOLCHAIN.md); the library code itself
 * does not rely on them.
 */
import 'core-js/actual/promise/with-resolvers.js';
import 'core-js/actual/set/index.js';
