/**
 * Temporal as a ponyfill: the runtime's own where it ships one (current Chromium and
 * Firefox), `temporal-polyfill` elsewhere (Node 20, older browsers). Core reads
 * Temporal only through this module.
 */
import { Temporal as Polyfill } from 'temporal-polyfill';

export const Temporal: typeof Polyfill =
  (globalThis as { Temporal?: typeof Polyfill }).Temporal ?? Polyfill;

export type ZonedDateTime = Polyfill.ZonedDateTime;
