/**
 * Page objects for the messaging demo, one per screen a person sees. Every lookup is
 * by role and accessible name, as a person using a screen reader would find it
 * (`getByRole` pierces the elements' open shadow roots). Methods do what a person
 * does and wait for what a person would wait for; assertions stay in the tests.
 */
import type { Locator, Page } from 'playwright-core';

/** One event in a person's mocked Google/Microsoft calendars (`window.meetingDemo.calendars.list()`). */
export interface CalendarEntry {
  provider: 'google' | 'microsoft';
  account: string;
  summary: string;
  start: string;
  end: string;
  recurrence?: string;
  joinUrl?: string;
}

/** An email the demo's `notify` hook wrote to the signed-in person's outbox. */
export interface OutboxEntry {
  id: string;
  at: string;
  to: { id: string; name: string; email: string };
  subject: string;
  text: string;
  kind: string;
  meetingId: string;
  threadId: string;
}

/** The demo's test hook on `window` (see examples/messaging-demo/README.md). */
interface DemoHookWindow {
  meetingDemo?: {
    user: { id: string; name: string; timeZone: string } | null;
    calendars: { list(): CalendarEntry[] };
    clock: { readonly offsetMs: number; set(ms: number): void; now(): string };
    outbox(): Promise<OutboxEntry[]>;
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name matcher: a string is matched whole (not as a substring), a RegExp as given. */
function whole(name: string | RegExp): RegExp {
  return typeof name === 'string' ? new RegExp(`^${escape(name)}$`) : name;
}

/** The signed-in messaging app: threads, conversation, composer, toasts, outbox, demo clock. */
export class MessagingApp {
  constructor(readonly page: Page) {}

  get conversations(): Locator {
    return this.page.getByRole('navigation', { name: 'Conversations' });
  }

  /** The thread's button in the list; its name is the thread's name, plus ", N unread". */
  thread(name: string): Locator {
    return this.conversations.getByRole('button', { name: new RegExp(`^${escape(name)}(, \\d+ unread)?$`) });
  }

  /** The names of the thread buttons as a screen reader reads them ("Bob Iyer, 1 unread"). */
  async threadNames(): Promise<string[]> {
    await this.conversations.getByRole('button').first().waitFor();
    const buttons = await this.conversations.getByRole('button').all();
    return Promise.all(buttons.map(async (b) => (await b.getAttribute('aria-label')) ?? (await b.innerText())));
  }

  async openThread(name: string): Promise<void> {
    await this.thread(name).click();
    await this.conversationHeading.filter({ hasText: name }).waitFor();
  }

  /** The open conversation's heading (level 1). */
  get conversationHeading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The open conversation's timeline. */
  timeline(threadName: string): Locator {
    return this.page.getByRole('list', { name: `Messages with ${threadName}` });
  }

  composer(threadName: string): Locator {
    return this.page.getByRole('textbox', { name: `Message ${threadName}` });
  }

  async sendMessage(threadName: string, text: string): Promise<void> {
    await this.composer(threadName).fill(text);
    await this.page.locator('form.composer').getByRole('button', { name: 'Send' }).click();
  }

  /** The in-app toasts (a polite live region). */
  get toasts(): Locator {
    return this.page.getByRole('region', { name: 'Notifications' });
  }

  /** Waits for a toast whose text contains `text` and returns it (its text, Open and Dismiss buttons). */
  async toast(text: string | RegExp): Promise<Locator> {
    const t = this.toasts.locator('.toast').filter({ hasText: text }).first();
    await t.waitFor();
    return t;
  }

  /** The calendar icon in the conversation header. */
  get scheduleButton(): Locator {
    return this.page.getByRole('button', { name: 'Schedule a meeting' });
  }

  /** Presses the calendar icon and returns the scheduler dialog once its week is loaded. */
  async openScheduler(): Promise<SchedulerDialog> {
    await this.scheduleButton.click();
    const dialog = new SchedulerDialog(this.page.getByRole('dialog', { name: 'Schedule a meeting' }));
    await dialog.ready();
    return dialog;
  }

  /** The meeting card whose heading is `title` (a meeting title, or "Meeting with Bob Iyer"…). */
  card(title: string | RegExp): MeetingCardView {
    return new MeetingCardView(this.page.getByRole('article', { name: whole(title) }));
  }

  /** Meeting settings (⚙) → Connect Google/Microsoft → the mock sign-in → Allow. */
  async connectCalendar(provider: 'google' | 'microsoft'): Promise<void> {
    const brand = provider === 'google' ? 'Google' : 'Microsoft';
    await this.page.getByRole('button', { name: 'Meeting settings' }).click();
    const settings = this.page.getByRole('dialog', { name: 'Meeting settings' });
    await settings.getByRole('button', { name: `Connect ${brand}` }).click();
    const signIn = this.page.getByRole('dialog', { name: `Sign in to ${brand} (mock)` });
    await signIn.getByRole('button', { name: 'Allow' }).click();
    await signIn.waitFor({ state: 'hidden' });
    await settings.getByText(/^Connected /).first().waitFor();
    await settings.getByRole('button', { name: 'Close meeting settings' }).click();
    await settings.waitFor({ state: 'hidden' });
  }

  /** Every event in the person's mocked calendars, as the demo's hook lists them. */
  calendarEvents(): Promise<CalendarEntry[]> {
    return this.page.evaluate(() => (globalThis as unknown as DemoHookWindow).meetingDemo!.calendars.list());
  }

  /** The events a meeting wrote: the ones with a call link (the seeded week has none). */
  async meetingEvents(): Promise<CalendarEntry[]> {
    return (await this.calendarEvents()).filter((e) => e.joinUrl !== undefined);
  }

  /** The emails the server's notify hook wrote to this person, newest first. */
  outboxEmails(): Promise<OutboxEntry[]> {
    return this.page.evaluate(() => (globalThis as unknown as DemoHookWindow).meetingDemo!.outbox());
  }

  /** The demo clock's "now" (ISO), as the app uses it. */
  clockNow(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as DemoHookWindow).meetingDemo!.clock.now());
  }

  /** Opens the Email outbox dialog and returns it. */
  async openOutbox(): Promise<Locator> {
    await this.page.getByRole('button', { name: /^Email outbox/ }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Email outbox' });
    await dialog.waitFor();
    return dialog;
  }

  async closeOutbox(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close the outbox' }).click();
    await this.page.getByRole('dialog', { name: 'Email outbox' }).waitFor({ state: 'hidden' });
  }

  /** The demo clock panel (top bar), opened. */
  async openClock(): Promise<Locator> {
    const toggle = this.page.getByRole('button', { name: 'Demo clock', exact: true });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const panel = this.page.getByRole('region', { name: 'Demo clock' });
    await panel.waitFor();
    return panel;
  }

  /** Presses one of the demo clock's buttons ("+1 day", "5 min before the next meeting", …). */
  async moveClock(button: '+15 min' | '+1 hour' | '+1 day' | '5 min before the next meeting' | 'Back to real time'): Promise<void> {
    const panel = await this.openClock();
    await panel.getByRole('button', { name: button, exact: true }).click();
  }

  /** The in-app call room Join opens. */
  get callDialog(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByRole('button', { name: 'Leave call' }) });
  }
}

/**
 * `<meeting-scheduler>`: the dialog the calendar icon opens, or the inline panel a card
 * shows for "Suggest a different time" and "Reschedule" (same controls).
 */
export class SchedulerDialog {
  constructor(readonly root: Locator) {}

  /** Resolves once the week grid is shown and availability has loaded. */
  async ready(): Promise<this> {
    await this.root.getByRole('grid').and(this.root.locator('[aria-busy="false"]')).waitFor();
    return this;
  }

  get grid(): Locator {
    return this.root.getByRole('grid');
  }

  /** Chooses a preset length ("30 min"). */
  async length(minutes: number): Promise<void> {
    await this.root.getByRole('radio', { name: `${minutes} min`, exact: true }).check();
  }

  /** The cell of `label` ("Wednesday, January 13, 9:00 – 9:30 AM EST"), whatever its state. */
  cell(label: string): Locator {
    return this.grid.getByRole('gridcell', { name: new RegExp(`^${escape(label)}, `) });
  }

  /**
   * Picks a free time by its accessible name without the state ("Wednesday, January 13,
   * 9:00 – 9:30 AM EST"). In the narrow layout (one day at a time, as in a card) it
   * presses "Next day" until that day is shown, as a person would.
   */
  async pick(label: string): Promise<void> {
    await this.show(label);
    const cell = this.grid.getByRole('gridcell', { name: `${label}, available`, exact: true });
    if ((await cell.count()) === 0) {
      const day = label.split(',').slice(0, 2).join(',');
      const seen = await this.grid.getByRole('gridcell', { name: new RegExp(`^${escape(day)},`) }).evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')));
      throw new Error(`no free time "${label}" in the grid; that day shows:\n${seen.join('\n')}`);
    }
    await cell.click();
    await this.grid.getByRole('gridcell', { name: `${label}, selected`, exact: true }).waitFor();
  }

  /** Brings the day of `label` into view: "Next day" in the narrow layout, "Next week" past the shown week. */
  async show(label: string): Promise<void> {
    const cell = this.cell(label);
    for (let i = 0; i < 14 && (await cell.count()) === 0; i++) {
      const nextDay = this.root.getByRole('button', { name: 'Next day' });
      if ((await nextDay.count()) > 0) await nextDay.click();
      else await this.root.getByRole('button', { name: 'Next week' }).click();
      await this.ready();
    }
  }

  async nextWeek(): Promise<void> {
    await this.root.getByRole('button', { name: 'Next week' }).click();
    await this.ready();
  }

  /** The heading above the grid ("Jan 11 – 17, 2027"). */
  get weekHeading(): Locator {
    return this.root.getByRole('heading', { level: 3 }).first();
  }

  /** The chosen times (chips), each as its text: the viewer's time, then each invitee's. */
  get chips(): Locator {
    return this.root.getByRole('list', { name: 'Selected times' }).getByRole('listitem');
  }

  get titleField(): Locator {
    return this.root.getByRole('textbox', { name: 'Title (optional)' });
  }

  /** "Message (optional)", or "Reason (optional)" when rescheduling. */
  get messageField(): Locator {
    return this.root.getByRole('textbox', { name: /^(Message|Reason) \(optional\)$/ });
  }

  /** "Send invite" / "Suggest these times" / "Send new times". */
  get sendButton(): Locator {
    return this.root.getByRole('button', { name: /^(Send invite|Suggest these times|Send new times)$/ });
  }

  async send(): Promise<void> {
    await this.sendButton.click();
    await this.root.waitFor({ state: 'hidden' });
  }
}

/** `<meeting-card>`: one meeting in the thread, as the viewer sees it. */
class MeetingCardView {
  constructor(readonly root: Locator) {}

  async waitFor(): Promise<this> {
    await this.root.waitFor();
    return this;
  }

  /** The line under the heading ("Waiting for Bob Iyer", "You accepted — …", "Cancelled by Bob Iyer"). */
  get status(): Locator {
    return this.root.locator('[part="status"]');
  }

  get confirmedBadge(): Locator {
    return this.root.getByText('Confirmed', { exact: true });
  }

  /** The options an invitee chooses from (radios named with the viewer's time and the others'). */
  get options(): Locator {
    return this.root.getByRole('radio');
  }

  /** An option by the start of its name ("Thu, Jan 14, 7:30 – 8:00 PM IST"). */
  option(label: string): Locator {
    return this.root.getByRole('radio', { name: new RegExp(`^${escape(label)}`) });
  }

  /** The proposed times the organizer waits on. */
  get proposedTimes(): Locator {
    return this.root.getByRole('list', { name: 'Proposed times' }).getByRole('listitem');
  }

  /** The confirmed time in the viewer's zone ("Thu, Jan 14, 9:00 – 9:30 AM EST"). */
  get confirmedTime(): Locator {
    return this.root.locator('.when .mine');
  }

  /** The confirmed time in the other people's zones ("7:30 – 8:00 PM IST for Bob Iyer"). */
  get otherTimes(): Locator {
    return this.root.locator('.when .theirs li');
  }

  button(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name: whole(name) });
  }

  async accept(option?: string): Promise<void> {
    if (option !== undefined) await this.option(option).check();
    await this.button('Accept').click();
    await this.confirmedBadge.waitFor();
  }

  /** "Suggest a different time": the inline scheduler in counter mode. */
  async suggestDifferentTime(): Promise<SchedulerDialog> {
    await this.button('Suggest a different time').click();
    return new SchedulerDialog(this.root.getByRole('region', { name: 'Suggest a different time' })).ready();
  }

  /** "Reschedule": the inline scheduler in reschedule mode. */
  async reschedule(): Promise<SchedulerDialog> {
    await this.button('Reschedule').click();
    return new SchedulerDialog(this.root.getByRole('region', { name: 'Reschedule the meeting' })).ready();
  }

  /** The confirm step of Cancel (or Decline) with a reason. */
  get reasonField(): Locator {
    return this.root.getByRole('textbox', { name: 'Reason (optional)' });
  }

  async cancel(reason: string): Promise<void> {
    await this.button('Cancel meeting').click();
    await this.reasonField.fill(reason);
    await this.button('Yes, cancel meeting').click();
  }

  async decline(reason: string): Promise<void> {
    await this.button('Decline').click();
    await this.reasonField.fill(reason);
    await this.button('Decline invite').click();
  }

  /** Join: enabled inside the join window, else a disabled "Join opens …". */
  get joinButton(): Locator {
    return this.root.getByRole('button', { name: /^(Join|Join opens .*|Meeting ended)$/ });
  }

  get addToCalendar(): Locator {
    return this.button('Add to calendar');
  }

  /** Share link → the guest link the card shows. */
  async shareLink(): Promise<string> {
    await this.button('Share link').click();
    const field = this.root.getByRole('textbox', { name: 'Guest link' });
    await field.waitFor();
    return field.inputValue();
  }
}

/** The guest page a share link opens: the meeting in the guest's zone, Join and Add to calendar. */
export class GuestView {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get card(): MeetingCardView {
    return new MeetingCardView(this.page.getByRole('article'));
  }

  /** The note naming the people and the guest's zone. */
  get intro(): Locator {
    return this.page.getByText(/^With .*\. Times are shown in your zone/);
  }
}
