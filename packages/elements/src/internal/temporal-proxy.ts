/**
 * Stands in for `temporal-polyfill` in the standalone bundle (a Vite alias): every
 * access goes to `globalThis.Temporal` at call time — the browser's own, or the
 * polyfill that `standalone.ts` installs before registering the elements.
 */
type TemporalNamespace = typeof import('temporal-polyfill').Temporal;

export const Temporal = new Proxy({} as TemporalNamespace, {
  get: (_, key) => (globalThis as unknown as { Temporal: Record<PropertyKey, unknown> }).Temporal[key],
});
