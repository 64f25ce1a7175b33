/**
 * The emails the demo would have sent: the server's `notify` hook turns each stored
 * meeting event into one message per recipient who wants email for that kind of
 * event (core's `shouldNotify` over their saved preferences), written in the
 * recipient's own zone, with the iTIP `.ics` a mail client would read.
 */
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  formatSlot,
  shouldNotify,
  toICS,
  type Interval,
  type Meeting,
  type MeetingEvent,
  type NotificationPreferences,
} from '@meeting-scheduler/core';
import { person, type DemoPerson } from '../shared/people.ts';

import type { OutboxEmail } from '../shared/outbox.ts';

export type { OutboxEmail };

function when(slot: Interval, viewer: DemoPerson): string {
  const f = formatSlot(slot, { timeZone: viewer.timeZone, locale: 'en-US' });
  return `${f.date}, ${f.time} ${f.zone}`;
}

/** What names a thread in an email: its title, else the people in it. */
export interface ThreadLabel {
  title?: string;
  participants: Array<{ id: string; name: string }>;
}

const titleOf = (m: Meeting) => m.title?.trim() || 'Meeting';

/** What `to` would read about `event` (subject and body), or undefined for kinds that send no email. */
export function composeEmail(event: MeetingEvent, meeting: Meeting, to: DemoPerson, thread: ThreadLabel): { subject: string; text: string } | undefined {
  const author = person(event.by)?.name ?? event.by;
  const title = titleOf(meeting);
  const others = thread.participants.filter((p) => p.id !== to.id).map((p) => p.name);
  const threadTitle = thread.title ? `"${thread.title}"` : `your chat with ${others.join(' and ') || author}`;
  const lines: string[] = [];
  let subject: string;
  switch (event.type) {
    case 'proposed':
      subject = `${author} invited you: ${title}`;
      lines.push(`${author} proposed ${event.options.length === 1 ? 'a time' : `${event.options.length} times`} for "${title}" in ${threadTitle}:`);
      for (const o of event.options) lines.push(`  • ${when(o, to)}`);
      if (event.message) lines.push('', `"${event.message}"`);
      lines.push('', 'Open the thread to accept one, suggest a different time, or decline.');
      break;
    case 'accepted':
      subject = `Confirmed: ${title} — ${when(event.option, to)}`;
      lines.push(`${author} accepted "${title}".`, `When: ${when(event.option, to)}`);
      if (meeting.joinUrl) lines.push(`Join: ${meeting.joinUrl}`);
      break;
    case 'countered':
      subject = `${author} suggested other times: ${title}`;
      lines.push(`${author} suggested:`);
      for (const o of event.options) lines.push(`  • ${when(o, to)}`);
      if (event.message) lines.push('', `"${event.message}"`);
      break;
    case 'declined':
      subject = `Declined: ${title}`;
      lines.push(`${author} declined "${title}".`);
      if (event.reason) lines.push(`Reason: ${event.reason}`);
      break;
    case 'rescheduled':
      subject = `Rescheduled: ${title}`;
      lines.push(`${author} asked to move "${title}" to:`);
      for (const o of event.options) lines.push(`  • ${when(o, to)}`);
      if (meeting.previous) lines.push(`Was: ${when(meeting.previous, to)}`);
      if (event.reason) lines.push(`Reason: ${event.reason}`);
      break;
    case 'cancelled':
      subject = `Cancelled: ${title}`;
      lines.push(`${author} cancelled "${title}"${meeting.confirmed ? ` (${when(meeting.confirmed, to)})` : ''}.`);
      if (event.reason) lines.push(`Reason: ${event.reason}`);
      break;
    case 'link-shared':
      return undefined;
  }
  lines.push('', `— sent by the messaging demo to ${to.email} (nothing actually leaves your machine)`);
  return { subject, text: lines.join('\n') };
}

/** The calendar file an email about `event` carries, if any. */
function attachment(event: MeetingEvent, meeting: Meeting): OutboxEmail['ics'] {
  const method = event.type === 'cancelled' ? 'CANCEL' : event.type === 'accepted' ? 'REQUEST' : undefined;
  if (!method || (method === 'REQUEST' && !meeting.confirmed)) return undefined;
  try {
    const attendeeEmails = Object.fromEntries([meeting.organizerId, ...meeting.attendeeIds].flatMap((id) => {
      const p = person(id);
      return p ? [[id, p.email]] : [];
    }));
    return { filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: toICS(meeting, { method, attendeeEmails }) };
  } catch {
    return undefined;
  }
}

/** The emails for one stored event: one per recipient whose preferences want it. */
export function emailsFor(
  event: MeetingEvent,
  recipients: string[],
  meeting: Meeting,
  thread: ThreadLabel,
  preferencesOf: (userId: string) => NotificationPreferences,
  at: string,
): OutboxEmail[] {
  const out: OutboxEmail[] = [];
  for (const id of recipients) {
    const to = person(id);
    if (!to || !shouldNotify(preferencesOf(id) ?? DEFAULT_NOTIFICATION_PREFERENCES, event.type, 'email', meeting.threadId)) continue;
    const mail = composeEmail(event, meeting, to, thread);
    if (!mail) continue;
    const email: OutboxEmail = {
      id: `${event.id}:${id}`,
      at,
      to: { id: to.id, name: to.name, email: to.email },
      from: person(event.by)?.name ?? event.by,
      ...mail,
      kind: event.type,
      meetingId: meeting.id,
      threadId: meeting.threadId,
    };
    const ics = attachment(event, meeting);
    if (ics) email.ics = ics;
    out.push(email);
  }
  return out;
}
