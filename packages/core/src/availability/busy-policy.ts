import type { BusyInterval, BusyPolicy } from './types.js';

/** Whether an entry blocks time under `policy` (everything but `free` blocks by default). */
export function blocks(b: BusyInterval, policy: BusyPolicy | undefined): boolean {
  if (b.status === 'free') return false;
  if (b.allDay && policy?.allDay === 'free') return false;
  if (b.status === 'tentative' && policy?.tentative === 'free') return false;
  if (b.status === 'oof' && policy?.oof === 'free') return false;
  return true;
}
