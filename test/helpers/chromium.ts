// Headless Chromium for a test, driven through its DevTools protocol over a pipe (--remote-debugging-pipe:
// the browser reads commands on its fd 3 and writes answers and events on fd 4, each a JSON message
// ended by a NUL), the way automation libraries drive it, with only the few commands a test needs:
// open a page at a size, record the URLs it requests, evaluate an expression in it, take a screenshot
// of the whole page and print it to PDF. A library such as playwright-core does the same through
// 7 MB of code: launching and driving the page through it took twice the CPU (1.75-1.82 s against
// 0.85-1.02 s for the disclosure page, perf stat of the whole run).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
  sessionId?: string;
}

export interface Page {
  /** every URL the page requested, in order (the page itself first) */
  requests: string[];
  /** the value of a JavaScript expression evaluated in the page (returned by value) */
  evaluate<T>(expression: string): Promise<T>;
  /** a PNG of the whole page, not only the part in the window */
  screenshot(): Promise<Buffer>;
  /** the page printed to PDF on paper of this size (inches), no margins, with its backgrounds */
  pdf(paper: { width: number; height: number }): Promise<Buffer>;
}

/**
 * Start the browser, open `url` in a window of the given size and wait for it to load; `use` gets
 * the page, and the browser is closed (and its profile folder removed) after it, however it ends. A
 * browser that has not finished within `timeoutMs` (or ends early) fails every wait on it: it is
 * killed with the processes it started (its own process group), so a test that fails or times out
 * leaves none of them running.
 */
export async function withPage<T>(
  executable: string,
  args: string[],
  url: string,
  viewport: { width: number; height: number },
  use: (page: Page) => Promise<T>,
  { timeoutMs = 45_000 }: { timeoutMs?: number } = {},
): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'cba-chromium-'));
  // a process group of its own (detached), killed as a whole: the renderer and GPU processes too
  const browser = spawn(executable, [...args, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
  const kill = () => {
    try {
      if (browser.pid) process.kill(-browser.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const toBrowser = browser.stdio[3] as Writable;
  const fromBrowser = browser.stdio[4] as Readable;
  let stderr = '';
  browser.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
  const pending = new Map<number, { resolve: (r: any) => void; reject: (e: Error) => void }>();
  const listeners: ((m: Message) => void)[] = [];
  const exited = new Promise<void>((resolve) => browser.on('exit', () => resolve()));
  let gone: Error | undefined;
  // the waits for an answer, and for an event (the page's load): all fail when the browser is gone
  const waits = new Set<(e: Error) => void>();
  const fail = (e: Error) => {
    gone ??= e;
    for (const p of pending.values()) p.reject(gone);
    pending.clear();
    for (const w of waits) w(gone);
    waits.clear();
  };
  browser.on('error', fail);
  const lost = (e: Error) => fail(new Error(`chromium stopped answering (${e.message}): ${stderr.trim().split('\n').pop() ?? ''}`));
  toBrowser.on('error', lost);
  fromBrowser.on('error', lost);
  browser.on('exit', (code, signal) => fail(new Error(`chromium ended (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').pop() ?? ''}`)));
  const watchdog = setTimeout(() => {
    fail(new Error(`chromium did not finish within ${timeoutMs} ms: ${stderr.trim().split('\n').pop() ?? ''}`));
    kill();
  }, timeoutMs);
  let buffered = '';
  fromBrowser.setEncoding('utf8').on('data', (d: string) => {
    buffered += d;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const m = JSON.parse(buffered.slice(0, end)) as Message;
      buffered = buffered.slice(end + 1);
      if (m.id === undefined) for (const l of listeners) l(m);
      else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) p?.reject(new Error(`${m.error.message}`));
        else p?.resolve(m.result);
      }
    }
  });
  let lastId = 0;
  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      if (gone) return reject(gone);
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const inPage = (method: string, params: object = {}) => send(method, params, sessionId);
    const requests: string[] = [];
    // the documents loaded (by the loader that loaded them), and a check to run at each
    const loaded = new Set<string>();
    let onLoad = () => {};
    listeners.push((m) => {
      if (m.sessionId !== sessionId) return;
      if (m.method === 'Network.requestWillBeSent') requests.push(m.params.request.url);
      if (m.method === 'Page.lifecycleEvent' && m.params.name === 'load') {
        loaded.add(m.params.loaderId);
        onLoad();
      }
    });
    await Promise.all([
      inPage('Page.enable'),
      inPage('Page.setLifecycleEventsEnabled', { enabled: true }),
      inPage('Network.enable'),
      inPage('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: false }),
    ]);
    const nav = await inPage('Page.navigate', { url });
    if (nav.errorText) throw new Error(`chromium could not open ${url}: ${nav.errorText}`);
    // the load of this navigation's document (not of the blank page the tab opened with)
    await new Promise<void>((resolve, reject) => {
      if (gone) return reject(gone);
      waits.add(reject);
      onLoad = () => void (loaded.has(nav.loaderId) && (waits.delete(reject), resolve()));
      onLoad();
    });
    return await use({
      requests,
      async evaluate<T>(expression: string): Promise<T> {
        const r = await inPage('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
        if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
        return r.result.value as T;
      },
      async screenshot() {
        const { cssContentSize: size } = await inPage('Page.getLayoutMetrics');
        const clip = { x: 0, y: 0, width: Math.max(size.width, viewport.width), height: size.height, scale: 1 };
        // PNG encoded for speed rather than size (the same image, a larger file): ~0.2 s less CPU a
        // screenshot of the disclosure page (perf stat, three alternated pairs)
        return Buffer.from((await inPage('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip, optimizeForSpeed: true })).data, 'base64');
      },
      async pdf(paper) {
        const margins = { marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0 };
        return Buffer.from((await inPage('Page.printToPDF', { paperWidth: paper.width, paperHeight: paper.height, printBackground: true, ...margins })).data, 'base64');
      },
    });
  } finally {
    clearTimeout(watchdog);
    // closed by the protocol; killed if it has not ended 5 s later (or had stopped answering)
    const timer = setTimeout(kill, gone ? 0 : 5_000);
    if (!gone) await send('Browser.close').catch(() => undefined);
    if (browser.exitCode === null && browser.signalCode === null) await exited;
    clearTimeout(timer);
    // anything of its group still running
    kill();
    rmSync(profile, { recursive: true, force: true });
  }
}
