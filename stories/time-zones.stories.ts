import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Participant } from '@meeting-scheduler/core';
import { ALICE, BOB, CAROL, MEETING_ID, THREAD_ID, proposed } from './support/fixtures.ts';
import { world, worldOf, type StoryWorld } from './support/world.ts';

const DEV: Participant = { id: 'dev', name: 'Dev', timeZone: 'Asia/Kathmandu', email: 'dev@himal.example' };
const HINE: Participant = { id: 'hine', name: 'Hine', timeZone: 'Pacific/Chatham', email: 'hine@chatham.example' };
const LIAM: Participant = { id: 'liam', name: 'Liam', timeZone: 'America/St_Johns', email: 'liam@stjohns.example' };

const offsetOf = (zone: string, at: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? '';

/** One person's pane: who, where, and the invite card as they see it. */
function pane(w: StoryWorld, p: Participant, role: string): TemplateResult {
  return html`
    <section class="story-pane" aria-label=${`${p.name}’s view`}>
      <h2>${p.name}, ${role} <small>${p.timeZone.replace(/_/g, ' ')} (${offsetOf(p.timeZone, w.now())})</small></h2>
      ${w.as(p.id, html`<meeting-card thread-id=${THREAD_ID} meeting-id=${MEETING_ID} heading-level="3"></meeting-card>`)}
    </section>
  `;
}

/** The same invite, organizer on the left and invitee on the right, each in their own zone. */
function pair(organizer: Participant, invitee: Participant) {
  return {
    loaders: [
      world({
        participants: [organizer, invitee],
        events: [proposed({ by: organizer.id, invitees: [invitee.id] })],
      }),
    ],
    render: (_args: unknown, context: { loaded: Record<string, unknown> }) => {
      const w = worldOf(context);
      return html`<div class="story-pair">${pane(w, organizer, 'organizer')} ${pane(w, invitee, 'invited')}</div>`;
    },
  } satisfies StoryObj;
}

/**
 * One invite with three times, seen from both sides. Every time is in the viewer's
 * zone, and each option carries the other person's local time — including the day
 * when it differs. The week is 9–13 March 2026: the US and Canada have just moved
 * their clocks, Europe and New Zealand's Chatham Islands have not.
 */
const meta: Meta = {
  title: 'Time zones',
  parameters: { layout: 'padded', controls: { disable: true } },
};

export default meta;

/** New York (−04:00 that week) ↔ Kolkata (+05:30): 9:00 AM is 6:30 PM. */
export const NewYorkKolkata: StoryObj = pair(ALICE, BOB);

/** Berlin (+01:00) ↔ Kathmandu (+05:45): a quarter-hour offset. */
export const BerlinKathmandu: StoryObj = pair(CAROL, DEV);

/** Chatham Islands (+13:45 in March, +12:45 in winter) ↔ St John's (−02:30 in March, −03:30 in winter): 16¼ hours and a date line apart. */
export const ChathamStJohns: StoryObj = pair(HINE, LIAM);
