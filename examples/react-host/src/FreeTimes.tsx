/**
 * Core used directly, without the elements: the next times that suit everyone in the
 * thread (their calendars and working hours), each shown in the viewer's zone first
 * and then in everyone else's.
 */
import { describeForParticipants, findSlots, type BusyInterval, type Instant, type Interval, type Participant } from '@meeting-scheduler/core';
import { useMemo } from 'react';
import { workingHours } from './team';

const SHOWN = 3;
const DAY_MS = 86_400_000;
const HALF_HOUR_MS = 1_800_000;

export interface FreeTimesProps {
  viewer: Participant;
  participants: Participant[];
  busy: Record<string, BusyInterval[]>;
  now: Instant;
  locale: string;
  durationMinutes: number;
  onPropose: (slots: Interval[]) => void;
}

export function FreeTimes({ viewer, participants, busy, now, locale, durationMinutes, onPropose }: FreeTimesProps) {
  const slots = useMemo(() => {
    // From the next half hour (a boundary in every zone whose offset is whole half hours), for a week.
    const start = Math.ceil(Date.parse(now) / HALF_HOUR_MS) * HALF_HOUR_MS;
    const range = { start: new Date(start).toISOString(), end: new Date(start + 7 * DAY_MS).toISOString() };
    return findSlots({
      range,
      durationMinutes,
      stepMinutes: 30,
      minNoticeMinutes: 60,
      now,
      participants: participants.map((p) => ({
        id: p.id,
        busy: busy[p.id] ?? [],
        ...(workingHours[p.id] ? { workingHours: workingHours[p.id] } : {}),
      })),
    }).slice(0, SHOWN);
  }, [participants, busy, now, durationMinutes]);

  const names = participants.map((p) => p.name).join(' and ');
  return (
    <section className="free-times" aria-labelledby="free-times-heading">
      <h2 id="free-times-heading">
        Next free {durationMinutes} min for {names}
      </h2>
      {slots.length === 0 ? (
        <p>No common free time in the next week.</p>
      ) : (
        <>
          <ol>
            {slots.map((slot) => {
              const [mine, ...theirs] = describeForParticipants(slot, participants, viewer.id, locale);
              return (
                <li key={slot.start}>
                  <strong>{mine?.label}</strong>
                  {theirs.map((t) => (
                    <span key={t.participantId}>{t.label}</span>
                  ))}
                </li>
              );
            })}
          </ol>
          <button type="button" onClick={() => onPropose(slots)}>
            Propose these {slots.length} times
          </button>
        </>
      )}
      <p className="note">
        Computed in the page with <code>findSlots</code> from <code>@meeting-scheduler/core</code>.
      </p>
    </section>
  );
}
