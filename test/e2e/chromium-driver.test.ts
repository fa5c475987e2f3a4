// The DevTools-protocol driver of the browser test (test/helpers/chromium.ts) against a stand-in
// browser (a node script on the same pipe: commands on its fd 3, answers and events on its fd 4,
// each JSON message ended by a NUL): messages cut anywhere (inside a character, next to the NUL)
// are put together, errors come back as errors, and a browser that stops answering or ends early
// is stopped and its folder removed instead of hanging the test and leaving the process behind.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withPage } from '../helpers/chromium';

const FAKE = String.raw`
const net = require('node:net');
const mode = process.argv[2];
// its process and profile folder, for the test to look at after
const profile = process.argv.find((a) => a.startsWith('--user-data-dir=')).slice('--user-data-dir='.length);
require('node:fs').writeFileSync(process.argv[3], JSON.stringify({ pid: process.pid, profile }));
const inp = new net.Socket({ fd: 3, readable: true, writable: false });
const out = new net.Socket({ fd: 4, readable: false, writable: true });
// every message written in three pieces, one at a time: cut inside its first character of more than
// one byte (or in its middle) and right before its NUL
const queue = [];
let busy = false;
function send(m) {
  const b = Buffer.from(JSON.stringify(m) + '\0');
  const wide = b.findIndex((x) => x >= 0x80);
  const cut = wide > 0 ? wide + 1 : b.length >> 1;
  queue.push(b.subarray(0, cut), b.subarray(cut, b.length - 1), b.subarray(b.length - 1));
  if (!busy) next();
}
function next() {
  const piece = queue.shift();
  if (!piece) return void (busy = false);
  busy = true;
  out.write(piece, () => setTimeout(next, 2));
}
let buf = '';
inp.setEncoding('utf8').on('data', (d) => {
  if (mode === 'silent') return;
  buf += d;
  for (let e = buf.indexOf('\0'); e >= 0; e = buf.indexOf('\0')) {
    const m = JSON.parse(buf.slice(0, e));
    buf = buf.slice(e + 1);
    answer(m);
  }
});
function answer(m) {
  const r = (result) => send({ id: m.id, result, ...(m.sessionId ? { sessionId: m.sessionId } : {}) });
  const event = (method, params) => send({ method, sessionId: 'S', params });
  switch (m.method) {
    case 'Target.createTarget': return r({ targetId: 'T' });
    case 'Target.attachToTarget': return r({ sessionId: 'S' });
    case 'Page.navigate':
      r({ frameId: 'F', loaderId: 'L2' });
      // ended after it answers, before the page loads
      if (mode === 'crash') return void setTimeout(() => process.exit(3), 100);
      // the blank tab's load first, then the page's request and its own load
      event('Page.lifecycleEvent', { name: 'load', loaderId: 'L1' });
      event('Network.requestWillBeSent', { request: { url: m.params.url } });
      return void setTimeout(() => event('Page.lifecycleEvent', { name: 'load', loaderId: 'L2' }), 20);
    case 'Runtime.evaluate':
      if (m.params.expression === 'boom') return send({ id: m.id, sessionId: 'S', error: { code: -32000, message: 'no such thing' } });
      return r({ result: { value: 'é€𝄞 ' + m.params.expression } });
    case 'Browser.close':
      r({});
      return void setTimeout(() => process.exit(0), 10);
    default:
      return r({});
  }
}
`;

function standIn() {
  const dir = mkdtempSync(join(tmpdir(), 'cba-fake-browser-'));
  const script = join(dir, 'browser.cjs');
  writeFileSync(script, FAKE);
  const pidFile = join(dir, 'pid');
  const started = () => JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; profile: string };
  const alive = () => {
    try {
      process.kill(started().pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const profileLeft = () => existsSync(started().profile);
  return { script, pidFile, alive, profileLeft };
}

// side by side: each its own stand-in and profile folder, so the second's wait of the time given
// overlaps the others
describe.concurrent('the Chromium driver (test/helpers/chromium.ts) against a stand-in browser', () => {
  it('puts together messages cut anywhere, waits for its own load, gives errors as errors, and closes the browser', async () => {
    const b = standIn();
    const r = await withPage(process.execPath, [b.script, 'pieces', b.pidFile], 'file:///x.html', { width: 800, height: 600 }, async (page) => {
      const value = await page.evaluate<string>('1 + 1');
      const error = await page.evaluate('boom').then(
        () => 'no error',
        (e: Error) => e.message,
      );
      return { value, error, requests: [...page.requests] };
    });
    expect(r).toEqual({ value: 'é€𝄞 1 + 1', error: 'no such thing', requests: ['file:///x.html'] });
    expect(b.alive()).toBe(false);
    expect(b.profileLeft()).toBe(false);
  }, 20_000);

  // the browser that never answers is a shell (it writes its process and profile folder as the
  // stand-in does, then sleeps): it starts in a few ms where a node script takes 40 ms or more of CPU,
  // so the time given can be short and the test still waits on a browser that has started (its pid
  // file is there) and is then killed; the wait is time a core stands idle
  it('a browser that stops answering: stopped after the time given, its folder removed, the error says so', async () => {
    const b = standIn();
    const silent = `for a; do case $a in --user-data-dir=*) p=\${a#--user-data-dir=};; esac; done; printf '{"pid":%d,"profile":"%s"}' $$ "$p" > "$0"; exec sleep 60`;
    const r = withPage('sh', ['-c', silent, b.pidFile], 'file:///x.html', { width: 800, height: 600 }, async () => 'used', { timeoutMs: 400 });
    await expect(r).rejects.toThrow(/chromium did not finish within 400 ms/);
    expect(existsSync(b.pidFile)).toBe(true);
    expect(b.alive()).toBe(false);
    expect(b.profileLeft()).toBe(false);
  }, 20_000);

  it('a browser that ends while its page loads: the error says so (no wait for a load that never comes)', async () => {
    const b = standIn();
    const r = withPage(process.execPath, [b.script, 'crash', b.pidFile], 'file:///x.html', { width: 800, height: 600 }, async () => 'used', { timeoutMs: 15_000 });
    await expect(r).rejects.toThrow(/chromium ended \(exit 3\)/);
    expect(b.alive()).toBe(false);
    expect(b.profileLeft()).toBe(false);
  }, 20_000);
});
