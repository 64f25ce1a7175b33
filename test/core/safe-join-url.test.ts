/**
 * `safeJoinUrl`: the one gate every join link passes (fold, ICS, calendar links,
 * adapters, the card). Only `https:` links with an unambiguous host come out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { safeJoinUrl } from '@meeting-scheduler/core';
import { ALL_PAYLOADS, FOREIGN_HTTPS_JOIN_URLS, HOSTILE_JOIN_URLS } from '../fixtures/xss-payloads.ts';

test('https links on a host are kept as they are', () => {
  for (const url of [
    'https://meet.google.com/abc-defg-hij',
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%22Tid%22%7d',
    'https://zoom.us/j/123456789?pwd=abc',
    'HTTPS://Meet.Example.com/Room',
    'https://meet.example.com:8443/room#frag',
    'https://[2001:db8::1]/room',
  ]) {
    assert.equal(safeJoinUrl(url), url, url);
  }
  assert.equal(safeJoinUrl('  https://meet.google.com/abc  '), 'https://meet.google.com/abc', 'surrounding spaces are trimmed');
});

test('characters a URI may not hold raw are percent-encoded, so the link cannot leave an attribute or a line', () => {
  assert.equal(safeJoinUrl('https://meet.example.com/"><script>'), 'https://meet.example.com/%22%3E%3Cscript%3E');
  assert.equal(safeJoinUrl('https://meet.example.com/a`b{c}|d^e'), 'https://meet.example.com/a%60b%7Bc%7D%7Cd%5Ee');
  assert.equal(safeJoinUrl('https://meet.example.com/räume'), 'https://meet.example.com/r%C3%A4ume');
});

test('javascript:, data:, vbscript:, http: and malformed links give nothing', () => {
  for (const { url, why } of HOSTILE_JOIN_URLS) assert.equal(safeJoinUrl(url), undefined, why);
  for (const url of ['', 'https://', 'https:meet.google.com', '//meet.google.com/abc', 'ftp://meet.google.com', 'https://?x', 'https://#x', 'https://@evil.example']) {
    assert.equal(safeJoinUrl(url), undefined, JSON.stringify(url));
  }
  for (const value of [undefined, null, 42, {}, ['https://meet.google.com/abc'], { toString: () => 'https://meet.google.com/abc' }]) {
    assert.equal(safeJoinUrl(value), undefined, String(value));
  }
});

test('control characters anywhere, even a tab or a line break, refuse the link', () => {
  for (const ch of ['\u0000', '\t', '\r', '\n', '\u0007', '\u007f', '\u0085', '\u2028', '\u00a0', '\ud800']) {
    assert.equal(safeJoinUrl(`https://meet.google.com/a${ch}b`), undefined, JSON.stringify(ch));
  }
});

test('a link whose host a reader could mistake is refused: user info and backslashes', () => {
  for (const url of [
    'https://meet.google.com@evil.example/abc',
    'https://meet.google.com:pw@evil.example/abc',
    'https://user@meet.google.com/abc',
    // Browsers read `\` as `/` (host meet.google.com); encoded as %5C it would become user info before evil.example.
    'https://meet.google.com\\@evil.example/abc',
    'https://evil.example\\@meet.google.com/abc',
    'https://meet.google.com\\evil',
  ]) {
    assert.equal(safeJoinUrl(url), undefined, url);
  }
  // An @ after the host (in the path or query) is fine.
  assert.equal(safeJoinUrl('https://meet.example.com/u/a@b.example?x=@'), 'https://meet.example.com/u/a@b.example?x=@');
});

test('whatever comes out is https, parses, and has the host the input named (1,000 runs)', () => {
  const pieces = fc.constantFrom('a', 'Z', '0', '-', '.', '/', '?', '#', '@', ':', '%', '\\', '"', '<', '>', ' ', '\t', '\n', '`', 'é', '😀', '%40', '[', ']');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 30 }), fc.constantFrom('meet.google.com', 'evil.example', 'xn--ggle-55da.com'), (rest, host) => {
      const input = `https://${host}${rest.join('')}`;
      const out = safeJoinUrl(input);
      if (out === undefined) return;
      assert.match(out, /^https:\/\//i);
      assert.doesNotMatch(out, /[\s"<>\\`]/u);
      // Junk that no browser can parse stays junk: nothing can open it.
      if (!URL.canParse(out)) return;
      const parsed = new URL(out);
      assert.equal(parsed.protocol, 'https:');
      assert.equal(parsed.username + parsed.password, '', input);
      // The host is never changed by the encoding: it is the one the raw input had, as a browser reads it.
      assert.ok(URL.canParse(input), `${input} does not parse, but ${out} does`);
      assert.equal(parsed.hostname, new URL(input).hostname, input);
    }),
    { numRuns: 1000 },
  );
});

test('no payload of the XSS corpus and no foreign-looking https trick becomes a non-https link', () => {
  for (const { id, text } of ALL_PAYLOADS) {
    const out = safeJoinUrl(text);
    assert.equal(out, undefined, id);
  }
  for (const url of FOREIGN_HTTPS_JOIN_URLS) {
    const out = safeJoinUrl(url);
    if (out !== undefined) assert.notEqual(new URL(out).hostname, 'meet.google.com', `${url} must not pass as meet.google.com`);
  }
});
