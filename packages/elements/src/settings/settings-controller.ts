import { DEFAULT_NOTIFICATION_PREFERENCES, SchedulerError, type NotificationPreferences } from '@meeting-scheduler/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SettingsStore, UserSettings } from '../context.js';
import { asSchedulerError } from '../controllers/thread-controller.js';
import { Optimistic } from './optimistic.js';

/** Fills what a stored (possibly older, possibly partial) settings object leaves out with core's defaults. */
function withDefaults(settings: Partial<UserSettings> | undefined): UserSettings {
  const stored: Partial<NotificationPreferences> = settings?.notifications ?? {};
  const notifications: NotificationPreferences = {
    channels: { ...DEFAULT_NOTIFICATION_PREFERENCES.channels, ...stored.channels },
    remindersMinutesBefore: [...(stored.remindersMinutesBefore ?? DEFAULT_NOTIFICATION_PREFERENCES.remindersMinutesBefore)],
    mutedThreadIds: [...(stored.mutedThreadIds ?? DEFAULT_NOTIFICATION_PREFERENCES.mutedThreadIds)],
  };
  return { ...settings, notifications };
}

/**
 * The user's notification settings and working hours, loaded from the host's
 * SettingsStore and saved back whole, optimistically (see {@link Optimistic}).
 */
export class SettingsController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  error: SchedulerError | undefined;

  private readonly value = new Optimistic<UserSettings>(withDefaults(undefined), () => this.host.requestUpdate());
  private loadedFor: SettingsStore | undefined;
  private synced = false;
  private loading = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => SettingsStore | undefined,
  ) {
    host.addController(this);
  }

  /** The settings as shown (with changes still being saved). */
  get settings(): UserSettings {
    return this.value.current;
  }

  /** The settings the store last accepted. */
  get saved(): UserSettings {
    return this.value.saved;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.synced = false;
    this.loading++;
  }

  reload(): void {
    this.synced = false;
    this.sync();
  }

  /** Shows `change` at once and saves the whole settings object. Resolves with what was saved. */
  change(change: (settings: UserSettings) => UserSettings): Promise<UserSettings> {
    const store = this.source();
    return this.value.apply(change, async (_, after) => {
      if (!store) throw new SchedulerError('invalid-input', 'No settings store to save to');
      await store.save(after);
    });
  }

  private sync(): void {
    const store = this.source();
    if (this.synced && this.loadedFor === store) return;
    this.synced = true;
    this.loadedFor = store;
    const ticket = ++this.loading;
    this.value.reset(withDefaults(undefined));
    if (!store) {
      this.status = 'idle';
      return;
    }
    this.status = 'loading';
    this.error = undefined;
    store
      .load()
      .then((settings) => {
        if (ticket !== this.loading) return;
        this.value.reset(withDefaults(settings));
        this.status = 'ready';
        this.host.requestUpdate();
      })
      .catch((e: unknown) => {
        if (ticket !== this.loading) return;
        this.status = 'error';
        this.error = asSchedulerError(e);
        this.host.requestUpdate();
      });
  }
}
