import { SchedulerError } from '../errors.js';
import { formatSlot } from './format-slot.js';
import type { Interval, Participant } from './types.js';

export interface ParticipantTimeLabel {
  participantId: string;
  /** e.g. "Tue 10 Mar, 9:00–9:30 AM EDT" for the viewer, "6:30–7:00 PM IST for Priya" for others. */
  label: string;
  isViewer: boolean;
}

/**
 * Each participant's local time of a slot, the viewer's first. The viewer's label
 * has the date; another person's names the date only when it differs from the
 * viewer's ("Wed 11 Mar, 1:00–1:30 AM AEDT for Sam").
 *
 * @example
 * ```ts
 * describeForParticipants({ start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' }, [
 *   { id: 'alice', name: 'Alice', timeZone: 'America/New_York' },
 *   { id: 'priya', name: 'Priya', timeZone: 'Asia/Kolkata' },
 * ], 'alice', 'en-GB').map((l) => l.label)
 * // → ['Tue 10 Mar, 09:00–09:30 EDT', '18:30–19:00 IST for Priya']
 * ```
 */
export function describeForParticipants(
  slot: Interval,
  participants: Participant[],
  viewerId: string,
  locale?: string,
): ParticipantTimeLabel[] {
  const viewer = participants.find((p) => p.id === viewerId);
  if (!viewer) throw new SchedulerError('not-a-participant', `The viewer ${viewerId} is not among the participants`, { viewerId });
  const withLocale = locale === undefined ? {} : { locale };
  const mine = formatSlot(slot, { timeZone: viewer.timeZone, ...withLocale });
  const labels: ParticipantTimeLabel[] = [
    { participantId: viewer.id, label: `${mine.date}, ${mine.time} ${mine.zone}`, isViewer: true },
  ];
  for (const p of participants) {
    if (p.id === viewer.id) continue;
    const theirs = formatSlot(slot, { timeZone: p.timeZone, referenceTimeZone: viewer.timeZone, ...withLocale });
    const when = theirs.dayOffset === 0 ? theirs.time : `${theirs.date}, ${theirs.time}`;
    labels.push({ participantId: p.id, label: `${when} ${theirs.zone} for ${p.name}`, isViewer: false });
  }
  return labels;
}
