/**
 * Who is in the demo: three people in three zones, and the threads they share.
 * Read by the server (to seed the database and sign people in) and by the page.
 */
import type { Participant } from '@meeting-scheduler/core';

export interface DemoPerson extends Participant {
  email: string;
  /** The city people recognise the zone by. */
  city: string;
}

export const PEOPLE: readonly DemoPerson[] = [
  { id: 'alice', name: 'Alice Chen', email: 'alice@acme.example', timeZone: 'America/New_York', city: 'New York' },
  { id: 'bob', name: 'Bob Iyer', email: 'bob@studio.example', timeZone: 'Asia/Kolkata', city: 'Kolkata' },
  { id: 'carol', name: 'Carol Weber', email: 'carol@berlin.example', timeZone: 'Europe/Berlin', city: 'Berlin' },
];

export function person(id: string): DemoPerson | undefined {
  return PEOPLE.find((p) => p.id === id);
}

export interface DemoThreadSeed {
  id: string;
  /** Group threads have a title; a 1:1 is named after the other person. */
  title?: string;
  members: string[];
  /** Opening messages: [author, text]. */
  messages: Array<[string, string]>;
}

export const THREADS: readonly DemoThreadSeed[] = [
  {
    id: 'alice-bob',
    members: ['alice', 'bob'],
    messages: [
      ['alice', 'Hi Bob! The first logo drafts are in the shared folder.'],
      ['bob', 'Saw them — the round mark is my favourite so far.'],
      ['alice', 'Great. Shall we walk through the feedback on a call this week?'],
    ],
  },
  {
    id: 'alice-carol',
    members: ['alice', 'carol'],
    messages: [
      ['carol', 'Morning Alice, the print shop in Berlin needs the final files by Friday.'],
      ['alice', 'Thanks Carol, I will check with Bob and get back to you.'],
    ],
  },
  {
    id: 'launch-team',
    title: 'Logo launch',
    members: ['alice', 'bob', 'carol'],
    messages: [
      ['carol', 'Welcome to the launch thread, everyone.'],
      ['bob', 'Hello from Kolkata! Evenings here are the easiest for me.'],
      ['alice', 'Let us find an hour that works for all three zones.'],
    ],
  },
];
