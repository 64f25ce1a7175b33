import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Meeting } from '@meeting-scheduler/core';
import { joinUrlConferencing } from '@meeting-scheduler/adapters/conferencing';
import { confirmedMeeting, isSchedulerError } from './contract.ts';

const AT = { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' };

/** A confirmed meeting, with the join link its calendar provider gave, if any. */
function meeting(joinUrl?: unknown, id = 'm-42'): Meeting {
  const m = confirmedMeeting(id, AT);
  return joinUrl === undefined ? m : ({ ...m, joinUrl } as Meeting);
}

test('the join link the calendar provider gave is used as it is', async () => {
  const conferencing = joinUrlConferencing({ template: 'https://rooms.example.com/{meetingId}' });
  assert.equal(await conferencing.createJoinUrl(meeting('https://meet.google.com/abc-defg-hij')), 'https://meet.google.com/abc-defg-hij');
});

test('without a provider link the template is filled with the URL-encoded meeting and thread ids', async () => {
  const conferencing = joinUrlConferencing({ template: 'https://rooms.example.com/{threadId}/{meetingId}?from=chat' });
  assert.equal(await conferencing.createJoinUrl(meeting(undefined, 'm 42/#x?')), 'https://rooms.example.com/t-contract/m%2042%2F%23x%3F?from=chat');
});

test('a provider link that is not https: is never returned; the template is used instead', async () => {
  const conferencing = joinUrlConferencing({ template: 'https://rooms.example.com/{meetingId}' });
  for (const bad of ['http://meet.example.com/x', 'javascript:alert(1)', 'data:text/html,hi', 'https://', ' ', 42]) {
    assert.equal(await conferencing.createJoinUrl(meeting(bad)), 'https://rooms.example.com/m-42', String(bad));
  }
});

test('with allowHosts, only links to those hosts (or their subdomains with *.) are used', async () => {
  const conferencing = joinUrlConferencing({
    template: 'https://rooms.example.com/{meetingId}',
    allowHosts: ['meet.google.com', '*.zoom.us'],
  });
  const use = (url: string) => conferencing.createJoinUrl(meeting(url));
  assert.equal(await use('https://meet.google.com/abc'), 'https://meet.google.com/abc');
  assert.equal(await use('https://MEET.GOOGLE.COM/abc'), 'https://MEET.GOOGLE.COM/abc', 'host names are case-insensitive');
  assert.equal(await use('https://acme.zoom.us/j/123'), 'https://acme.zoom.us/j/123');
  assert.equal(await use('https://evilzoom.us/j/123'), 'https://rooms.example.com/m-42');
  assert.equal(await use('https://meet.google.com.evil.example/abc'), 'https://rooms.example.com/m-42');
  assert.equal(await use('https://meet.google.com:pw@evil.example/abc'), 'https://rooms.example.com/m-42', 'user info is not the host');
});

test('with no usable provider link and no template there is no join link: invalid input', async () => {
  await assert.rejects(joinUrlConferencing().createJoinUrl(meeting()), isSchedulerError('invalid-input'));
  await assert.rejects(joinUrlConferencing().createJoinUrl(meeting('http://meet.example.com/x')), isSchedulerError('invalid-input'));
  const strict = joinUrlConferencing({ allowHosts: ['meet.google.com'] });
  await assert.rejects(strict.createJoinUrl(meeting('https://teams.microsoft.com/l/x')), isSchedulerError('invalid-input'));
});

test('a template that is not https: or has an unknown placeholder is refused when the adapter is made', () => {
  assert.throws(() => joinUrlConferencing({ template: 'http://rooms.example.com/{meetingId}' }), isSchedulerError('invalid-input'));
  assert.throws(() => joinUrlConferencing({ template: 'javascript:alert("{meetingId}")' }), isSchedulerError('invalid-input'));
  assert.throws(() => joinUrlConferencing({ template: 'https://rooms.example.com/{meetingID}' }), isSchedulerError('invalid-input'));
  assert.throws(() => joinUrlConferencing({ allowHosts: [''] }), isSchedulerError('invalid-input'));
});

test('an aborted request rejects as network', async () => {
  const controller = new AbortController();
  controller.abort();
  const conferencing = joinUrlConferencing({ template: 'https://rooms.example.com/{meetingId}' });
  await assert.rejects(conferencing.createJoinUrl(meeting(), { signal: controller.signal }), isSchedulerError('network'));
});
