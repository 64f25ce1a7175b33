import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CalendarConnection, SchedulerError } from '@meeting-scheduler/core';
import { localConnectionStore, type StorageLike } from '@meeting-scheduler/adapters/connections';
import { isSchedulerError } from './contract.ts';

/** A Web Storage stand-in that counts writes. */
class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.writes++;
    this.items.delete(key);
  }
}

const GOOGLE: CalendarConnection = {
  id: 'google:alice@acme.example', provider: 'google', accountLabel: 'alice@acme.example',
  conflictCalendarIds: ['primary', 'team@acme.example'], targetCalendarId: 'primary',
};
const OUTLOOK: CalendarConnection = { id: 'microsoft:alice@studio.example', provider: 'microsoft', accountLabel: 'alice@studio.example', conflictCalendarIds: [] };
const ICLOUD: CalendarConnection = {
  id: 'ics:icloud', provider: 'ics', accountLabel: 'iCloud (family)', conflictCalendarIds: ['feed'], url: 'webcal://p01-caldav.icloud.com/published/2/abc',
};

/** Lets queued microtasks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('localConnectionStore: keeping a user’s connections', () => {
  test('saved connections are listed back, and saving the same id again replaces it in place', async () => {
    const store = localConnectionStore({ storage: new FakeStorage(), userId: 'alice' });
    await store.save(GOOGLE);
    await store.save(OUTLOOK);
    await store.save({ ...GOOGLE, conflictCalendarIds: ['primary'] });
    assert.deepEqual(await store.list(), [{ ...GOOGLE, conflictCalendarIds: ['primary'] }, OUTLOOK]);
  });

  test('removing a connection forgets it; removing an unknown id changes nothing', async () => {
    const storage = new FakeStorage();
    const store = localConnectionStore({ storage, userId: 'alice' });
    await store.save(GOOGLE);
    await store.save(ICLOUD);
    await store.remove(GOOGLE.id);
    assert.deepEqual(await store.list(), [ICLOUD]);
    const writes = storage.writes;
    await store.remove('no-such-connection');
    assert.equal(storage.writes, writes, 'nothing was written');
    assert.deepEqual(await store.list(), [ICLOUD]);
  });

  test('connections are stored once per user under a per-user key, and shared by every store for that user', async () => {
    const storage = new FakeStorage();
    await localConnectionStore({ storage, userId: 'alice' }).save(GOOGLE);
    await localConnectionStore({ storage }).save(OUTLOOK);
    assert.deepEqual([...storage.items.keys()].sort(), ['meeting-scheduler:connections:alice', 'meeting-scheduler:connections:default']);
    assert.deepEqual(await localConnectionStore({ storage, userId: 'alice' }).list(), [GOOGLE], 'another thread’s store sees the same');
    assert.deepEqual(await localConnectionStore({ storage, userId: 'bob' }).list(), []);
    const custom = localConnectionStore({ storage, key: 'host:cals' });
    await custom.save(ICLOUD);
    assert.ok(storage.items.has('host:cals'));
  });

  test('what was read can be changed without changing what is stored', async () => {
    const store = localConnectionStore({ storage: new FakeStorage() });
    await store.save(GOOGLE);
    const [first] = await store.list();
    first!.conflictCalendarIds.push('tampered');
    assert.deepEqual(await store.list(), [GOOGLE]);
  });

  test('an aborted call rejects as network and changes nothing', async () => {
    const store = localConnectionStore({ storage: new FakeStorage() });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(store.save(GOOGLE, { signal: controller.signal }), isSchedulerError('network'));
    await assert.rejects(store.list({ signal: controller.signal }), isSchedulerError('network'));
    assert.deepEqual(await store.list(), []);
  });
});

describe('localConnectionStore: what it accepts', () => {
  const cases: Array<[string, unknown]> = [
    ['no id', { ...OUTLOOK, id: '' }],
    ['no provider', { ...OUTLOOK, provider: undefined }],
    ['an account label that is not text', { ...OUTLOOK, accountLabel: 7 }],
    ['conflict calendars that are not a list', { ...OUTLOOK, conflictCalendarIds: 'primary' }],
    ['conflict calendars that are not all ids', { ...OUTLOOK, conflictCalendarIds: ['primary', 3] }],
    ['a target calendar that is not an id', { ...OUTLOOK, targetCalendarId: { id: 'primary' } }],
    ['a url on a Google connection', { ...GOOGLE, url: 'https://calendar.google.com/x.ics' }],
    ['an ICS feed without a url', { ...ICLOUD, url: undefined }],
    ['an ICS feed over plain http', { ...ICLOUD, url: 'http://example.com/cal.ics' }],
    ['an ICS feed with a script url', { ...ICLOUD, url: 'javascript:alert(1)' }],
    ['an ICS feed with no url at all but text', { ...ICLOUD, url: 'not a url' }],
    ['not an object', 'google'],
    ['nothing', null],
  ];
  for (const [what, connection] of cases) {
    test(`a connection with ${what} is invalid input and is not stored`, async () => {
      const store = localConnectionStore({ storage: new FakeStorage() });
      await assert.rejects(store.save(connection as CalendarConnection), isSchedulerError('invalid-input'));
      assert.deepEqual(await store.list(), []);
    });
  }

  for (const key of ['token', 'accessToken', 'refreshToken', 'access_token']) {
    test(`a connection carrying a ${key} is refused: tokens are never stored`, async () => {
      const storage = new FakeStorage();
      const store = localConnectionStore({ storage });
      const error = await store.save({ ...GOOGLE, [key]: 'ya29.secret' } as CalendarConnection).catch((e: unknown) => e);
      assert.ok(isSchedulerError('invalid-input')(error));
      assert.equal(((error as SchedulerError).details as { field: string }).field, key);
      assert.equal(storage.writes, 0);
    });
  }

  test('ICS feeds may be https: or webcal:', async () => {
    const store = localConnectionStore({ storage: new FakeStorage() });
    await store.save(ICLOUD);
    await store.save({ ...ICLOUD, id: 'ics:fastmail', url: 'https://user.fm/calendar/abc.ics' });
    assert.equal((await store.list()).length, 2);
  });

  test('only the connection’s own fields are stored', async () => {
    const storage = new FakeStorage();
    const store = localConnectionStore({ storage, userId: 'alice' });
    await store.save({ ...OUTLOOK, profile: { photo: 'data:…' } } as CalendarConnection);
    assert.deepEqual(JSON.parse(storage.getItem('meeting-scheduler:connections:alice') ?? 'null'), [OUTLOOK]);
  });
});

describe('localConnectionStore: untrusted stored data', () => {
  test('corrupt JSON reads as empty and is reported once, never thrown', async () => {
    const storage = new FakeStorage();
    storage.items.set('meeting-scheduler:connections:alice', '[{"id":');
    const errors: SchedulerError[] = [];
    const store = localConnectionStore({ storage, userId: 'alice', onError: (e) => errors.push(e) });
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await store.list(), []);
    assert.equal(errors.length, 1);
    assert.ok(isSchedulerError('invalid-input')(errors[0]));
    storage.items.set('meeting-scheduler:connections:alice', '{"not":"a list"}');
    assert.deepEqual(await store.list(), []);
    assert.equal(errors.length, 2, 'a different bad value is reported again');
    await store.save(GOOGLE);
    assert.deepEqual(await store.list(), [GOOGLE], 'the next save replaces it');
  });

  test('a stored entry that is not a valid connection is left out, and the valid ones are listed', async () => {
    const storage = new FakeStorage();
    storage.items.set('meeting-scheduler:connections:default', JSON.stringify([GOOGLE, { id: 'x', provider: 'ics', url: 'javascript:alert(1)' }, OUTLOOK]));
    const errors: SchedulerError[] = [];
    const store = localConnectionStore({ storage, onError: (e) => errors.push(e) });
    assert.deepEqual(await store.list(), [GOOGLE, OUTLOOK]);
    assert.equal(errors.length, 1);
  });

  test('storage that cannot be read reads as empty; storage that refuses a write fails the save', async () => {
    const errors: SchedulerError[] = [];
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const store = localConnectionStore({ storage: broken, onError: (e) => errors.push(e) });
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await store.list(), []);
    assert.equal(errors.length, 1, 'reported once');
    assert.ok(isSchedulerError('provider-unavailable')(errors[0]));
    await assert.rejects(store.save(GOOGLE), isSchedulerError('provider-unavailable'));
  });
});

describe('localConnectionStore: default storage', () => {
  test('without localStorage (Node) it keeps connections in memory, shared by the process', async () => {
    assert.equal((globalThis as { localStorage?: unknown }).localStorage, undefined);
    await localConnectionStore({ userId: 'node-user' }).save(OUTLOOK);
    assert.deepEqual(await localConnectionStore({ userId: 'node-user' }).list(), [OUTLOOK]);
    await localConnectionStore({ userId: 'node-user' }).remove(OUTLOOK.id);
  });

  test('with localStorage it uses it', async () => {
    const storage = new FakeStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    try {
      await localConnectionStore({ userId: 'alice' }).save(GOOGLE);
      assert.ok(storage.items.has('meeting-scheduler:connections:alice'));
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});

describe('localConnectionStore: change notifications', () => {
  test('subscribers get the full list after every change, and nothing after unsubscribing', async () => {
    const store = localConnectionStore({ storage: new FakeStorage() });
    const heard: string[][] = [];
    const stop = store.subscribe((list) => heard.push(list.map((c) => c.id)));
    await store.save(GOOGLE);
    await store.save(OUTLOOK);
    await store.remove('no-such-connection');
    await store.remove(GOOGLE.id);
    await settle();
    assert.deepEqual(heard, [[GOOGLE.id], [GOOGLE.id, OUTLOOK.id], [OUTLOOK.id]]);
    stop();
    await store.save(ICLOUD);
    await settle();
    assert.equal(heard.length, 3);
  });

  test('two stores on the same storage in one page hear each other', async () => {
    const storage = new FakeStorage();
    const settings = localConnectionStore({ storage, userId: 'alice' });
    const scheduler = localConnectionStore({ storage, userId: 'alice' });
    const heard: CalendarConnection[][] = [];
    const stop = scheduler.subscribe((list) => heard.push(list));
    await settings.save(GOOGLE);
    await localConnectionStore({ storage, userId: 'bob' }).save(OUTLOOK);
    await settle();
    assert.deepEqual(heard, [[GOOGLE]], 'only changes to the same user’s connections');
    stop();
  });

  test('a change made in another tab reaches subscribers through the storage event', async () => {
    const target = new EventTarget();
    const g = globalThis as unknown as { addEventListener?: unknown; removeEventListener?: unknown };
    g.addEventListener = target.addEventListener.bind(target);
    g.removeEventListener = target.removeEventListener.bind(target);
    const storageEvent = (key: string | null, storageArea: unknown) => Object.assign(new Event('storage'), { key, storageArea });
    try {
      const storage = new FakeStorage();
      const store = localConnectionStore({ storage, userId: 'alice' });
      const heard: string[][] = [];
      const stop = store.subscribe((list) => heard.push(list.map((c) => c.id)));
      // The other tab writes to the shared storage; the browser then fires `storage` here.
      storage.items.set('meeting-scheduler:connections:alice', JSON.stringify([ICLOUD]));
      target.dispatchEvent(storageEvent('meeting-scheduler:connections:alice', storage));
      target.dispatchEvent(storageEvent('something-else', storage));
      target.dispatchEvent(storageEvent('meeting-scheduler:connections:alice', new FakeStorage()));
      await settle();
      assert.deepEqual(heard, [[ICLOUD.id]]);
      stop();
      target.dispatchEvent(storageEvent(null, storage));
      await settle();
      assert.equal(heard.length, 1, 'the page listener is gone with the last subscriber');
    } finally {
      delete g.addEventListener;
      delete g.removeEventListener;
    }
  });
});
