/**
 * The scheduler's week as data: days, wall-clock rows, and each cell's slot and state
 * (free, busy with the calendar entry's label, outside working hours, past…). Pure:
 * the element renders it, core's `findSlots` / `explainSlot` decide availability.
 */
import { explainSlot, findSlots, type AvailabilityQuery, type BusyInterval, type WorkingHours } from '@meeting-scheduler/core';
import { DAY_MS, MINUTE_MS, dayClock, fromWall, toInstant } from './zoned-time.js';

/** An interval in epoch ms (the element's internal form of a slot). */
export interface Span {
  start: number;
  end: number;
}

/**
 * - `free`: selectable
 * - `selected`: one of the draft's candidate slots
 * - `busy`: the viewer's calendars are busy (`busyLabel` names the entry when the provider says)
 * - `busy-other`: the other side is busy (`otherBusy`, e.g. the organizer in counter mode)
 * - `outside`: outside the viewer's working hours
 * - `past`: starts before now
 * - `overlap`: overlaps a selected slot (options of one meeting must not overlap)
 * - `skipped`: the wall time does not exist that day (spring-forward gap)
 */
export type CellState = 'free' | 'selected' | 'busy' | 'busy-other' | 'outside' | 'past' | 'overlap' | 'skipped';

export interface WeekDay {
  index: number;
  /** The local date as days since 1970-01-01. */
  epochDay: number;
  isToday: boolean;
}

export interface WeekRow {
  index: number;
  /** Minutes after local midnight (wall clock). */
  minutes: number;
}

export interface WeekCell {
  day: number;
  row: number;
  epochDay: number;
  minutes: number;
  state: CellState;
  /** The slot `[start, start + duration)`; for a `skipped` cell, the instant the wall time would resolve to. */
  span: Span;
  busyLabel?: string;
}

export interface WeekModel {
  days: WeekDay[];
  rows: WeekRow[];
  /** `cells[row][day]`. */
  cells: WeekCell[][];
}

/** What decides whether a slot can be offered. */
export interface AvailabilityContext {
  durationMinutes: number;
  nowMs: number;
  /** The viewer's busy time from every connected calendar. */
  busy: BusyInterval[];
  /** The other side's busy time (shown as "Busy for Alice"). */
  otherBusy: BusyInterval[];
  workingHours?: WorkingHours | undefined;
}

export interface WeekInput extends AvailabilityContext {
  firstDay: number;
  dayCount: number;
  startMinutes: number;
  endMinutes: number;
  stepMinutes: number;
  timeZone: string;
  todayEpochDay: number;
}

const SELF = 'self';
const OTHER = 'other';

function query(range: Span, ctx: AvailabilityContext, stepMinutes?: number): AvailabilityQuery {
  const participants: AvailabilityQuery['participants'] = [
    ctx.workingHours ? { id: SELF, busy: ctx.busy, workingHours: ctx.workingHours } : { id: SELF, busy: ctx.busy },
  ];
  if (ctx.otherBusy.length > 0) participants.push({ id: OTHER, busy: ctx.otherBusy });
  const q: AvailabilityQuery = {
    range: { start: toInstant(range.start), end: toInstant(range.end) },
    durationMinutes: ctx.durationMinutes,
    participants,
    now: toInstant(ctx.nowMs),
  };
  if (stepMinutes !== undefined) q.stepMinutes = stepMinutes;
  return q;
}

/** Why a slot cannot be offered, most telling reason first; `null` when it is free. */
function unavailability(span: Span, ctx: AvailabilityContext): { state: CellState; busyLabel?: string } | null {
  if (span.start < ctx.nowMs) return { state: 'past' };
  const reasons = explainSlot({ start: toInstant(span.start), end: toInstant(span.end) }, query(span, ctx));
  const mine = reasons.filter((r) => r.participantId === SELF && r.reason === 'busy');
  if (mine.length > 0) {
    const label = mine.map((r) => r.interval?.label?.trim()).find((l) => l);
    return label ? { state: 'busy', busyLabel: label } : { state: 'busy' };
  }
  if (reasons.some((r) => r.participantId === OTHER && r.reason === 'busy')) return { state: 'busy-other' };
  if (reasons.some((r) => r.reason === 'outside-working-hours')) return { state: 'outside' };
  if (reasons.some((r) => r.reason === 'min-notice')) return { state: 'past' };
  return null;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The week as rows × days of cells with their availability (free, busy, outside, past,
 * skipped), without the selection: see {@link withSelection}. The costly part (core's
 * slot search and explanations), so the element keeps it while only the selection changes.
 */
export function buildWeek(input: WeekInput): WeekModel {
  const { timeZone, stepMinutes, durationMinutes } = input;
  const days: WeekDay[] = [];
  for (let i = 0; i < input.dayCount; i++) {
    const epochDay = input.firstDay + i;
    days.push({ index: i, epochDay, isToday: epochDay === input.todayEpochDay });
  }
  const rows: WeekRow[] = [];
  for (let m = input.startMinutes, i = 0; m + stepMinutes <= input.endMinutes; m += stepMinutes, i++) rows.push({ index: i, minutes: m });

  const duration = durationMinutes * MINUTE_MS;
  const columns = days.map((day) => {
    const clock = dayClock(day.epochDay, timeZone);
    const starts = rows.map((r) => {
      const start = clock(r.minutes);
      return start === undefined
        ? { exists: false, start: fromWall(day.epochDay * DAY_MS + r.minutes * MINUTE_MS, timeZone) }
        : { exists: true, start };
    });
    // One sweep of core's slot search per day finds the free starts; only the others
    // are explained one by one (explainSlot is per candidate).
    const real = starts.filter((s) => s.exists);
    const free = new Set<number>();
    if (real.length > 0) {
      const range = { start: real[0]!.start, end: real[real.length - 1]!.start + duration };
      for (const slot of findSlots(query(range, input, stepMinutes))) free.add(Date.parse(slot.start));
    }
    return starts.map(({ exists, start }, row): WeekCell => {
      const span = { start, end: start + duration };
      const cell: WeekCell = { day: day.index, row, epochDay: day.epochDay, minutes: rows[row]!.minutes, state: 'free', span };
      if (!exists) cell.state = 'skipped';
      else {
        const why = free.has(start) ? null : unavailability(span, input);
        if (why) {
          cell.state = why.state;
          if (why.busyLabel !== undefined) cell.busyLabel = why.busyLabel;
        }
      }
      return cell;
    });
  });
  const cells = rows.map((_, r) => columns.map((column) => column[r]!));
  return { days, rows, cells };
}

/**
 * The week with the draft's slots: a chosen cell is `selected` (whatever its availability
 * now), a free one overlapping a chosen slot is `overlap`. Cells that do not change are shared.
 */
export function withSelection(week: WeekModel, selected: Span[]): WeekModel {
  if (selected.length === 0) return week;
  const starts = new Set(selected.map((s) => s.start));
  const cells = week.cells.map((row) =>
    row.map((cell): WeekCell => {
      if (cell.state === 'skipped') return cell;
      if (starts.has(cell.span.start)) {
        const { day, row, epochDay, minutes, span } = cell;
        return { day, row, epochDay, minutes, span, state: 'selected' };
      }
      if (cell.state === 'free' && selected.some((s) => overlaps(s, cell.span))) return { ...cell, state: 'overlap' };
      return cell;
    }),
  );
  return { ...week, cells };
}

/**
 * The selection after the length changed: each slot keeps its start and takes the
 * new length; slots that are now unavailable or overlap an earlier one are dropped.
 */
export function refitSelection(selected: Span[], ctx: AvailabilityContext): Span[] {
  const kept: Span[] = [];
  for (const s of [...selected].sort((a, b) => a.start - b.start)) {
    const span = { start: s.start, end: s.start + ctx.durationMinutes * MINUTE_MS };
    if (unavailability(span, ctx) || kept.some((k) => overlaps(k, span))) continue;
    kept.push(span);
  }
  return kept;
}
