/**
 * The peer figure of the call bench (issue #17): two Chromium pages running a plain sip.js phone
 * (peer-sipjs-page.ts, stock Web.SessionDescriptionHandler), registered as two demo users on the
 * same Kamailio as the Switchboard figure; dial -> caller's session established, callee answering
 * at once. Also returns one typical call's timeline (both sides) so the time can be seen where it goes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { UcStack } from '../support/uc-stack-fixture';

type Timeline = Record<string, number>;

export interface PeerCallFigures {
  established: number[];
  /** the run closest to the median: caller and callee timelines, ms from the caller's dial */
  typical: { caller: Timeline; callee: Timeline };
}

const PAGE_SOURCE = fileURLToPath(new URL('./peer-sipjs-page.ts', import.meta.url));

/** The peer page served on 127.0.0.1 (a secure context: getUserMedia works); Kamailio must allow its origin. */
export interface PeerPage {
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

/** Bundles and serves the peer page; start it before the stack, which needs its origin. */
export async function servePeerPage(): Promise<PeerPage> {
  const bundle = await build({
    entryPoints: [PAGE_SOURCE],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
  });
  const script = bundle.outputFiles[0]!.text;
  const html = `<!doctype html><meta charset="utf-8"><title>sip.js peer</title><script>${script}</script>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function openPeer(browser: Browser, url: string, stack: UcStack, number: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  const password = await stack.sipPasswordOf(number);
  await page.evaluate((o) => (window as unknown as { peer: { start(o: unknown): Promise<void> } }).peer.start(o), {
    wsUrl: stack.kamailio.wsUrl,
    domain: stack.kamailio.domain,
    user: number,
    password,
  });
  return page;
}

/** `runs` calls from the first demo user to the second through the plain sip.js pages. */
export async function benchPeerCalls(
  page: PeerPage,
  stack: UcStack,
  browser: Browser,
  runs: number,
): Promise<PeerCallFigures> {
  const url = page.url;
  const [from, to] = [stack.users[0]!.number, stack.users[1]!.number];
  const pages: Page[] = [];
  try {
    const caller = await openPeer(browser, url, stack, from);
    const callee = await openPeer(browser, url, stack, to);
    pages.push(caller, callee);
    const samples: Array<{ total: number; caller: Timeline; callee: Timeline }> = [];
    for (let i = 0; i < runs; i++) {
      const callerTimeline = await caller.evaluate(
        (target) => (window as unknown as { peer: { call(t: string): Promise<Timeline> } }).peer.call(target),
        to,
      );
      // both pages share the browser's clock origin only approximately: keep each side relative to its own start
      await new Promise((r) => setTimeout(r, 300));
      const calleeTimeline = await callee.evaluate(() =>
        (window as unknown as { peer: { lastAnswered(): Timeline } }).peer.lastAnswered(),
      );
      const callerOrigin = await caller.evaluate(() => performance.timeOrigin);
      const calleeOrigin = await callee.evaluate(() => performance.timeOrigin);
      const dial = callerTimeline.dial!;
      const rel = (t: Timeline, shift: number): Timeline =>
        Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v + shift - dial)]));
      samples.push({
        total: callerTimeline.established! - dial,
        caller: rel(callerTimeline, 0),
        // the callee's times on the caller's clock (timeOrigin is wall-clock based)
        callee: rel(calleeTimeline, calleeOrigin - callerOrigin),
      });
      await caller.evaluate(() => (window as unknown as { peer: { hangup(): Promise<void> } }).peer.hangup());
      await new Promise((r) => setTimeout(r, 300));
    }
    const sorted = [...samples].sort((a, b) => a.total - b.total);
    const typical = sorted[Math.floor(sorted.length / 2)]!;
    return { established: samples.map((s) => s.total), typical: { caller: typical.caller, callee: typical.callee } };
  } finally {
    for (const p of pages) await p.context().close();
  }
}

/** One line per side: the milestones in time order. */
export function formatTimeline(side: string, timeline: Timeline): string {
  const steps = Object.entries(timeline)
    .sort((a, b) => a[1] - b[1])
    .map(([k, v]) => `${k} ${v}`);
  return `  ${side.padEnd(7)} ${steps.join(' → ')} (ms)`;
}
