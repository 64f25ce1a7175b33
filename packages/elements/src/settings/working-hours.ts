import type { WallTime, WorkingHours } from '@meeting-scheduler/core';

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** One weekday as the form edits it: one range per day. */
export interface DayDraft {
  day: IsoWeekday;
  works: boolean;
  /** `HH:MM` as an `<input type="time">` holds it ('' while incomplete). */
  start: string;
  end: string;
  /** The stored ranges, written back unchanged while the day is untouched (the form shows one range). */
  kept?: Array<{ start: WallTime; end: WallTime }>;
}

export type DayProblem = 'missing' | 'order';

const DEFAULT_START = '09:00';
const DEFAULT_END = '17:00';

/** A time input cannot hold 24:00: the end of the day shows as 00:00 and is stored as 24:00. */
const toInput = (t: WallTime) => (t === '24:00' ? '00:00' : t);
const toStored = (end: string) => (end === '00:00' ? '24:00' : end);

/** The form for stored working hours (none stored: no day ticked, 9:00–17:00 ready when one is). */
export function draftFrom(hours: WorkingHours | undefined): DayDraft[] {
  return ISO_WEEKDAYS.map((day) => {
    const ranges = hours?.weekly[day] ?? [];
    const first = ranges[0];
    const last = ranges[ranges.length - 1];
    if (!first || !last) return { day, works: false, start: DEFAULT_START, end: DEFAULT_END };
    return { day, works: true, start: toInput(first.start), end: toInput(last.end), kept: ranges };
  });
}

/** What is wrong with each ticked day, if anything. */
export function problems(days: DayDraft[]): Map<IsoWeekday, DayProblem> {
  const out = new Map<IsoWeekday, DayProblem>();
  for (const d of days) {
    if (!d.works) continue;
    if (!/^\d\d:\d\d$/.test(d.start) || !/^\d\d:\d\d$/.test(d.end)) out.set(d.day, 'missing');
    else if (d.start >= toStored(d.end)) out.set(d.day, 'order');
  }
  return out;
}

/**
 * The working hours to store for a valid form, in `timeZone`; overrides already stored are kept.
 * No ticked day means no working hours at all (every hour available), not "never".
 */
export function workingHoursFrom(days: DayDraft[], timeZone: string, previous: WorkingHours | undefined): WorkingHours | undefined {
  const weekly: WorkingHours['weekly'] = {};
  for (const d of days) {
    if (d.works) weekly[d.day] = d.kept ?? [{ start: d.start, end: toStored(d.end) }];
  }
  if (Object.keys(weekly).length === 0) return undefined;
  const hours: WorkingHours = { timeZone, weekly };
  if (previous?.overrides) hours.overrides = previous.overrides;
  return hours;
}
