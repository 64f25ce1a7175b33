import type { MeetingEvent } from '@meeting-scheduler/core';

/** An email the server's `notify` hook would have sent: what the outbox panel lists. */
export interface OutboxEmail {
  id: string;
  at: string;
  to: { id: string; name: string; email: string };
  from: string;
  subject: string;
  text: string;
  kind: MeetingEvent['type'];
  meetingId: string;
  threadId: string;
  /** An attached calendar file (REQUEST or CANCEL), when the event has one. */
  ics?: { filename: string; content: string };
}
