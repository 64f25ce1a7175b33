import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_MESSAGES, isSchedulerError, SchedulerError, type SchedulerErrorCode } from '@meeting-scheduler/core';

const CODES: SchedulerErrorCode[] = [
  'invalid-input', 'not-a-participant', 'permission-denied', 'stale-sequence', 'invalid-transition', 'slot-unavailable',
  'provider-auth', 'provider-rate-limited', 'provider-unavailable', 'network', 'not-found', 'conflict', 'unauthenticated', 'rate-limited',
];

test('every error code has a default message a person can read', () => {
  assert.deepEqual(Object.keys(ERROR_MESSAGES).sort(), [...CODES].sort());
  for (const code of CODES) {
    const e = new SchedulerError(code);
    assert.equal(e.message, ERROR_MESSAGES[code]);
    assert.match(e.message, /^[A-Z].*\.$/, `${code}: a sentence`);
  }
});

test('an error carries its code and details, and serialises to the JSON error envelope', () => {
  const e = new SchedulerError('stale-sequence', undefined, { expected: 2, got: 1 });
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'SchedulerError');
  assert.deepEqual(JSON.parse(JSON.stringify(e)), {
    code: 'stale-sequence',
    message: 'This invite was updated. Review the latest version and try again.',
    details: { expected: 2, got: 1 },
  });
  assert.deepEqual(new SchedulerError('network', 'Offline').toJSON(), { code: 'network', message: 'Offline' });
});

test('isSchedulerError tells library errors apart, optionally by code', () => {
  const e = new SchedulerError('conflict');
  assert.equal(isSchedulerError(e), true);
  assert.equal(isSchedulerError(e, 'conflict'), true);
  assert.equal(isSchedulerError(e, 'network'), false);
  assert.equal(isSchedulerError(new Error('conflict')), false);
  assert.equal(isSchedulerError({ code: 'conflict' }), false);
});
