/**
 * Slack end to end: the real service (HTTP server, Bolt app, job workers) on a fresh database, with
 * the fake Slack Web API of the tests, driven over HTTP with signed requests as Slack sends them.
 *
 *   npm run bench:slack                     # embedded PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:slack   # a fresh database there
 *
 * Set-up: 10 AWS integrations, each subscribed in its own channel and scanned from chat, each scan
 * finding 10 failing buckets: 100 alert cards, posted by the notify job. Ten channels rather than one
 * because the notifier posts at most one message a second per channel (Slack's limit).
 *
 * 1. Acks: 20 `/sentinel status` one at a time (the ack of a command alone), then bursts of 200
 *    fired at once, each on its own connection opened beforehand (bench/http-load.ts: raw HTTP on a
 *    worker thread); the figure is each POST's HTTP time, i.e. until the acknowledgement answered.
 *    A just-started server is still compiling its hot paths (V8 optimises a function after many
 *    calls, on the same two cores), so the first bursts are slower: 3 warm-up bursts are printed,
 *    then the measured one. Target p99 <= 100 ms. For scale, the floor: 200 concurrent
 *    GET /healthz, which goes through express (Slack's commands and clicks do not: fast-ack.ts).
 * 2. Clicks: 1,000 over the 100 cards, 50 alerts in play at a time. Each alert gets 8 rounds of
 *    acknowledge / resolve / reopen (a scripted path that is valid at every step), each round using
 *    the alert's current version from the database, as the card would show it. Rounds 2 and 6 are
 *    two people clicking the same button at once: one must win, the other must be told it is stale.
 *    So per alert: 10 clicks, 8 changes, 2 stale. A click is over when its card has been updated past
 *    the version clicked (by chat.update, whichever handler sent it) and the clicker has its outcome:
 *    the thread note naming them, or the "acted on first" ephemeral. Click-to-update is the time from
 *    sending the click to that chat.update reaching Slack. Target p95 <= 1 s.
 * 3. Consistency, after the job queue has drained: per alert, version bumps, audit rows, winning
 *    clicks and thread notes all equal the 8 scripted changes; states are as scripted; every card
 *    shows the alert's current version; the audit chain verifies. Exit code 1 when any check fails.
 *
 * The clicks' client, the service and the fake Slack share one Node process (as in the end-to-end
 * tests), so click latencies include the client's own work on the same event loop: they are upper
 * bounds for the service alone. The acks' client runs on its own thread and costs little CPU.
 * Each phase reports the process's CPU and event-loop delay; with PGlite, queries run on that loop too.
 */
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import pLimit from 'p-limit';
import { decodeAlertRef, encodeAlertRef } from '../src/bot/core/present.js';
import { ACTIONS } from '../src/bot/slack/blocks.js';
import { getAlert, type AlertState } from '../src/store/alerts.js';
import { listAudit, verifyAuditChain } from '../src/store/audit.js';
import { createIntegration } from '../src/store/integrations.js';
import { alertMessages } from '../src/store/schema.js';
import type { SlackCall } from '../test/fakes/slack.js';
import { SIGNING_SECRET, startSlackService, type SlackService } from '../test/helpers/slack-service.js';
import { signSlack, slashCommandBody } from '../test/helpers/slack.js';
import { loadBurst, rawRequest } from './http-load.js';
import { drainQueue, measured, percentiles, waitUntil, type Percentiles } from './lib.js';

const CHANNELS = 10;
const BUCKETS_PER_CHANNEL = 10;
const ALERTS = CHANNELS * BUCKETS_PER_CHANNEL;
/** Sent one at a time before the burst: they warm the path up and time a command's ack alone. */
const WARM_UP_COMMANDS = 20;
/** Bursts before the measured one: a just-started server's JIT is still compiling the path. */
const WARM_UP_BURSTS = 3;
const COMMANDS = 200;
const ALERTS_IN_PLAY = 50;
type Kind = 'acknowledge' | 'resolve' | 'reopen';
/** Valid from `open` at every step; ends acknowledged. */
const SCRIPT: readonly Kind[] = ['acknowledge', 'resolve', 'reopen', 'acknowledge', 'reopen', 'resolve', 'reopen', 'acknowledge'];
const FINAL_STATE: AlertState = 'acknowledged';
/** Rounds where two people click the same button on the same version at once. */
const RACED_ROUNDS = new Set([1, 5]);
const CLICKS_PER_ALERT = SCRIPT.length + RACED_ROUNDS.size;
const TARGETS = { ackP99Ms: 100, updateP95Ms: 1000 };
const ADMIN = 'U0BENCHADMIN';
const CHECK_ID = 'aws-s3-bucket-public-acl';
const TRIAGE_ACTIONS = new Set(SCRIPT.map((kind) => `alert.${kind}`));
const STALE_TEXT = 'Someone acted on this alert first';

interface Card {
  alertId: string;
  channelId: string;
  ts: string;
}

interface Click {
  card: Card;
  kind: Kind;
  version: number;
  /** One user per click, so the ephemeral or thread note naming them tells its outcome. */
  userId: string;
  sentAt: number;
  status: number;
  ackMs: number;
  outcome: 'ok' | 'stale' | 'rejected' | 'lost';
  /** Click to the first chat.update showing a later version than the one clicked. */
  updateMs: number | null;
}

const text = (call: SlackCall, field: string): string | null => (typeof call.body[field] === 'string' ? call.body[field] : null);

/** The alert version a card's blocks show: its actions block id is `alert|<id>:<version>`. */
function versionShown(blocks: unknown): number | null {
  if (!Array.isArray(blocks)) return null;
  for (const block of blocks as Array<{ type?: unknown; block_id?: unknown }>) {
    if (block.type === 'actions' && typeof block.block_id === 'string') return decodeAlertRef(block.block_id.split('|')[1] ?? '')?.version ?? null;
  }
  return null;
}

/**
 * What the app sent to Slack, indexed as it comes in: card updates by message, thread notes by
 * message and by the user they name, ephemerals by user. Reads only calls it has not seen yet.
 */
class SlackLog {
  readonly updates = new Map<string, Array<{ at: number; version: number | null }>>();
  readonly notesByThread = new Map<string, number>();
  readonly notesByUser = new Map<string, number>();
  readonly ephemeralsByUser = new Map<string, string[]>();
  /** chat.update calls that showed an older version than an earlier update of the same card. */
  outOfOrderUpdates = 0;
  private seen = 0;

  constructor(private readonly calls: SlackCall[]) {}

  catchUp(): void {
    for (; this.seen < this.calls.length; this.seen += 1) {
      const call = this.calls[this.seen] as SlackCall;
      const channel = text(call, 'channel') ?? '';
      if (call.method === 'chat.update') {
        const key = `${channel}/${text(call, 'ts') ?? ''}`;
        const before = this.updates.get(key) ?? [];
        const version = versionShown(call.body.blocks);
        if (version !== null && before.some((u) => (u.version ?? 0) > version)) this.outOfOrderUpdates += 1;
        this.updates.set(key, [...before, { at: call.at, version }]);
      } else if (call.method === 'chat.postMessage' && text(call, 'thread_ts')) {
        const key = `${channel}/${text(call, 'thread_ts') ?? ''}`;
        this.notesByThread.set(key, (this.notesByThread.get(key) ?? 0) + 1);
        for (const [, user] of (text(call, 'text') ?? '').matchAll(/<@(\w+)>/g)) if (user) this.notesByUser.set(user, (this.notesByUser.get(user) ?? 0) + 1);
      } else if (call.method === 'chat.postEphemeral') {
        const user = text(call, 'user') ?? '';
        this.ephemeralsByUser.set(user, [...(this.ephemeralsByUser.get(user) ?? []), text(call, 'text') ?? '']);
      }
    }
  }

  /** Clicks whose thread note was posted more than once. */
  get doubledNotes(): number {
    return [...this.notesByUser.values()].filter((n) => n > 1).length;
  }

  outcomeOf(click: Click): Click['outcome'] | null {
    if (this.notesByUser.has(click.userId)) return 'ok';
    const told = this.ephemeralsByUser.get(click.userId)?.[0];
    if (told === undefined) return null;
    return told.startsWith(STALE_TEXT) ? 'stale' : 'rejected';
  }

  updateAfter(click: Click): number | null {
    const update = this.updates.get(`${click.card.channelId}/${click.card.ts}`)?.find((u) => u.at >= click.sentAt && (u.version ?? 0) > click.version);
    return update ? update.at - click.sentAt : null;
  }
}

/** A command answered through its response_url; its text. */
async function answerTo(svc: SlackService, responseId: string): Promise<string> {
  await waitUntil(`answer to ${responseId}`, () => svc.fake.responsesTo(responseId).length > 0, 10_000, 20);
  return JSON.stringify(svc.fake.responsesTo(responseId)[0]?.body);
}

/** Integrations bench-01..10, each routed to its own channel and scanned from there: 100 cards. */
async function postCards(svc: SlackService): Promise<Card[]> {
  const tenantId = svc.integration?.tenantId;
  if (!tenantId) throw new Error('the Slack service has no default tenant');
  svc.scanner.willFind(Array.from({ length: BUCKETS_PER_CHANNEL }, (_, i) => ({ checkId: CHECK_ID, resourceId: `arn:aws:s3:::bench-bucket-${i + 1}` })));
  for (let i = 1; i <= CHANNELS; i += 1) {
    const name = `bench-${String(i).padStart(2, '0')}`;
    const channelId = `C0BENCH${String(i).padStart(2, '0')}`;
    await createIntegration(svc.db, svc.service.keyring, {
      tenantId,
      name,
      provider: 'aws',
      credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40), region: 'us-east-1' },
    });
    await svc.command(`subscribe ${name} low`, { userId: ADMIN, channelId, responseId: `subscribe-${name}` });
    const subscribed = await answerTo(svc, `subscribe-${name}`);
    if (!subscribed.includes('now receives')) throw new Error(`subscribing ${channelId} failed: ${subscribed}`);
    await svc.command(`scan ${name}`, { userId: ADMIN, channelId, responseId: `scan-${name}` });
  }
  const rows = () => svc.db.select({ alertId: alertMessages.alertId, channelId: alertMessages.channelId, ts: alertMessages.messageId }).from(alertMessages);
  await waitUntil(`${ALERTS} cards posted`, async () => (await rows()).length >= ALERTS, 120_000, 250);
  // Scan status messages are still being edited; let them settle so they do not share the measurements.
  await drainQueue(svc.db, 60_000);
  const cards = await rows();
  if (cards.length !== ALERTS || new Set(cards.map((c) => c.alertId)).size !== ALERTS) throw new Error(`expected ${ALERTS} cards of ${ALERTS} alerts, got ${cards.length}`);
  return cards;
}

interface AckFigures {
  aloneMs: Percentiles;
  /** p99 of each warm-up burst, the first being a just-started server's. */
  warmUpBurstP99Ms: number[];
  concurrentMs: Percentiles;
  answeredViaResponseUrlMs: Percentiles;
  non200: number;
  healthzFloorMs: Percentiles;
}

/** Signed `/sentinel status` POSTs as raw requests, each answering on its own response_url. */
function commandRequests(svc: SlackService, count: number, prefix: string): string[] {
  const url = new URL('/slack/events', svc.baseUrl);
  return Array.from({ length: count }, (_, i) => {
    const body = slashCommandBody({ teamId: svc.fake.team.id, userId: `U0ACK${i}`, channelId: 'C0BENCHOPS', text: 'status', responseUrl: svc.fake.responseUrl(`${prefix}-${i}`) });
    return rawRequest(url, 'POST', { ...signSlack(SIGNING_SECRET, body) }, body);
  });
}

/** Sends signed `/sentinel status` commands, all at once or one by one, and waits for their answers on the response_url. */
async function timeCommands(svc: SlackService, count: number, prefix: string, together: boolean): Promise<{ ms: number[]; statuses: number[]; answeredMs: number[] }> {
  const url = new URL('/slack/events', svc.baseUrl);
  const requests = commandRequests(svc, count, prefix);
  const sentAt = Date.now();
  const answers: Array<{ ms: number; status: number }> = [];
  if (together) answers.push(...(await loadBurst(url, requests)).answers);
  else for (const request of requests) answers.push(...(await loadBurst(url, [request])).answers);
  const responses = () => svc.fake.responses.filter((r) => r.id.startsWith(`${prefix}-`));
  await waitUntil(`${count} command answers`, () => responses().length >= count, 30_000, 20);
  return { ms: answers.map((a) => a.ms), statuses: answers.map((a) => a.status), answeredMs: responses().map((r) => r.at - sentAt) };
}

async function measureAcks(svc: SlackService): Promise<AckFigures> {
  const healthz = new URL('/healthz', svc.baseUrl);
  const healthzBurst = () => loadBurst(healthz, Array.from({ length: COMMANDS }, () => rawRequest(healthz, 'GET', {})));
  const alone = await timeCommands(svc, WARM_UP_COMMANDS, 'alone', false);
  const warmUpBurstP99Ms: number[] = [];
  for (let i = 0; i < WARM_UP_BURSTS; i++) warmUpBurstP99Ms.push(percentiles((await timeCommands(svc, COMMANDS, `warm-${i}`, true)).ms).p99);
  await healthzBurst();
  const floor = await healthzBurst();
  const burst = await timeCommands(svc, COMMANDS, 'burst', true);
  return {
    aloneMs: percentiles(alone.ms),
    warmUpBurstP99Ms,
    concurrentMs: percentiles(burst.ms),
    answeredViaResponseUrlMs: percentiles(burst.answeredMs),
    non200: burst.statuses.filter((status) => status !== 200).length,
    healthzFloorMs: percentiles(floor.answers.map((a) => a.ms)),
  };
}

let userSerial = 0;

async function sendClick(svc: SlackService, card: Card, kind: Kind, version: number): Promise<Click> {
  userSerial += 1;
  const click: Click = { card, kind, version, userId: `U0CLICK${String(userSerial).padStart(5, '0')}`, sentAt: Date.now(), status: 0, ackMs: 0, outcome: 'lost', updateMs: null };
  const started = performance.now();
  const response = await svc.click({
    userId: click.userId,
    channelId: card.channelId,
    messageTs: card.ts,
    actionId: ACTIONS[kind],
    value: encodeAlertRef({ id: card.alertId, version }),
    // Slack echoes the clicked message back; send what the card reads now.
    messageBlocks: svc.fake.message(card.channelId, card.ts)?.blocks ?? [],
  });
  click.ackMs = performance.now() - started;
  click.status = response.status;
  return click;
}

/**
 * Waits for each click's outcome and card update; what has not come within the timeout is lost.
 * Latencies come from the fake's arrival times, so the polling interval only paces the next round.
 */
async function settle(log: SlackLog, clicks: Click[]): Promise<void> {
  const done = () => {
    log.catchUp();
    return clicks.every((click) => log.outcomeOf(click) !== null && log.updateAfter(click) !== null);
  };
  await waitUntil('clicks settled', done, 10_000, 25).catch(() => undefined);
  for (const click of clicks) {
    click.outcome = log.outcomeOf(click) ?? 'lost';
    click.updateMs = log.updateAfter(click);
  }
}

/** One alert's scripted rounds, one after another, each on the version the alert is at. */
async function playAlert(svc: SlackService, log: SlackLog, card: Card): Promise<Click[]> {
  const clicks: Click[] = [];
  for (const [round, kind] of SCRIPT.entries()) {
    const { version } = await getAlert(svc.db, card.alertId);
    const copies = RACED_ROUNDS.has(round) ? 2 : 1;
    const batch = await Promise.all(Array.from({ length: copies }, () => sendClick(svc, card, kind, version)));
    await settle(log, batch);
    clicks.push(...batch);
  }
  return clicks;
}

async function runClicks(svc: SlackService, log: SlackLog, cards: Card[]): Promise<{ clicks: Click[]; seconds: number }> {
  const limit = pLimit(ALERTS_IN_PLAY);
  const started = performance.now();
  const clicks = (await Promise.all(cards.map((card) => limit(() => playAlert(svc, log, card))))).flat();
  return { clicks, seconds: (performance.now() - started) / 1000 };
}

interface AlertTally {
  alertId: string;
  state: AlertState;
  versionBumps: number;
  auditRows: number;
  failedAuditRows: number;
  winningClicks: number;
  staleClicks: number;
  threadNotes: number;
  cardVersion: number | null;
  renderedVersion: number;
  version: number;
}

async function tallyAlert(svc: SlackService, log: SlackLog, card: Card, clicks: Click[]): Promise<AlertTally> {
  const alert = await getAlert(svc.db, card.alertId);
  const [message] = await svc.db.select().from(alertMessages).where(eq(alertMessages.alertId, card.alertId));
  const audit = (await listAudit(svc.db, { tenantId: alert.tenantId, targetType: 'alert', targetId: card.alertId, limit: 1000 })).filter((row) => TRIAGE_ACTIONS.has(row.action));
  const mine = clicks.filter((click) => click.card.alertId === card.alertId);
  return {
    alertId: card.alertId,
    state: alert.state,
    versionBumps: alert.version - 1,
    auditRows: audit.filter((row) => row.outcome === 'success').length,
    failedAuditRows: audit.filter((row) => row.outcome !== 'success').length,
    winningClicks: mine.filter((click) => click.outcome === 'ok').length,
    staleClicks: mine.filter((click) => click.outcome === 'stale').length,
    threadNotes: log.notesByThread.get(`${card.channelId}/${card.ts}`) ?? 0,
    cardVersion: versionShown(svc.fake.message(card.channelId, card.ts)?.blocks),
    renderedVersion: message?.renderedVersion ?? 0,
    version: alert.version,
  };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** A check over every alert: passes when `good` holds for each; the detail names the first that does not. */
function everyAlert(name: string, tallies: AlertTally[], good: (t: AlertTally) => boolean): Check {
  const bad = tallies.filter((t) => !good(t));
  const first = bad[0];
  return { name, ok: bad.length === 0, detail: first ? `${bad.length} alerts off, e.g. ${JSON.stringify(first)}` : `${tallies.length} alerts` };
}

async function checkConsistency(svc: SlackService, log: SlackLog, cards: Card[], clicks: Click[]): Promise<{ checks: Check[]; tallies: AlertTally[] }> {
  await drainQueue(svc.db, 60_000);
  log.catchUp();
  const tallies = await Promise.all(cards.map((card) => tallyAlert(svc, log, card, clicks)));
  const chain = await verifyAuditChain(svc.db);
  const changes = SCRIPT.length;
  const unanswered = clicks.filter((click) => click.status !== 200 || click.updateMs === null || click.outcome === 'lost' || click.outcome === 'rejected');
  const checks: Check[] = [
    everyAlert('audit rows = version bumps (none lost or doubled)', tallies, (t) => t.auditRows === t.versionBumps && t.failedAuditRows === 0),
    everyAlert(`winning clicks = audit rows = ${changes} scripted changes`, tallies, (t) => t.winningClicks === t.auditRows && t.auditRows === changes),
    everyAlert(`one click of each raced pair stale (${RACED_ROUNDS.size} per alert)`, tallies, (t) => t.staleClicks === RACED_ROUNDS.size),
    everyAlert(`final state ${FINAL_STATE}`, tallies, (t) => t.state === FINAL_STATE),
    everyAlert('card shows the current version', tallies, (t) => t.cardVersion === t.version && t.renderedVersion === t.version),
    everyAlert('one thread note per change', tallies, (t) => t.threadNotes === t.auditRows),
    { name: 'every click acked and its card updated', ok: unanswered.length === 0, detail: `${unanswered.length} of ${clicks.length} not` },
    { name: 'audit chain verifies', ok: chain.ok, detail: chain.ok ? `${chain.rows} rows` : `broken at ${chain.brokenAt}: ${chain.reason}` },
  ];
  return { checks, tallies };
}

async function main(): Promise<number> {
  const database = process.env.DATABASE_URL ? 'postgres' : 'embedded (PGlite)';
  const setupStarted = performance.now();
  const svc = await startSlackService({ env: { SLACK_DIGEST_THRESHOLD: '1000', CLOUDSENTINEL_ADMINS: `slack:${ADMIN}` } });
  try {
    const cards = await postCards(svc);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const { result: acks, load: ackLoad } = await measured(() => measureAcks(svc));
    const log = new SlackLog(svc.fake.calls);
    const { result: clickRun, load: clickLoad } = await measured(() => runClicks(svc, log, cards));
    const { clicks, seconds } = clickRun;
    const { checks } = await checkConsistency(svc, log, cards, clicks);

    const count = (outcome: Click['outcome']) => clicks.filter((click) => click.outcome === outcome).length;
    const updates = percentiles(clicks.flatMap((click) => (click.updateMs === null ? [] : [click.updateMs])));
    const figures = {
      database,
      setup: { alerts: ALERTS, channels: CHANNELS, seconds: Number(setupSeconds.toFixed(1)) },
      slashCommands: { concurrent: COMMANDS, ...acks, processLoad: ackLoad },
      clicks: {
        total: clicks.length,
        perAlert: CLICKS_PER_ALERT,
        alertsInPlay: ALERTS_IN_PLAY,
        seconds: Number(seconds.toFixed(1)),
        ok: count('ok'),
        stale: count('stale'),
        rejected: count('rejected'),
        lost: count('lost'),
        ackMs: percentiles(clicks.map((click) => click.ackMs)),
        clickToUpdateMs: updates,
        clickToUpdateOkOnlyMs: percentiles(clicks.flatMap((click) => (click.outcome === 'ok' && click.updateMs !== null ? [click.updateMs] : []))),
        outOfOrderCardUpdates: log.outOfOrderUpdates,
        doubledThreadNotes: log.doubledNotes,
        processLoad: clickLoad,
      },
      slackCalls: Object.fromEntries(['chat.postMessage', 'chat.update', 'chat.postEphemeral'].map((method) => [method, svc.fake.callsTo(method).length])),
      targets: TARGETS,
    };
    console.log(JSON.stringify(figures, null, 2));

    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const consistent = checks.every((check) => check.ok);
    console.log(`\nSlack bench on ${database}: ${ALERTS} cards in ${CHANNELS} channels`);
    const ack = acks.concurrentMs;
    console.log(
      `acks: ${COMMANDS} concurrent /sentinel status → p50 ${ack.p50} ms, p95 ${ack.p95} ms, p99 ${ack.p99} ms, max ${ack.max} ms (target p99 <= ${TARGETS.ackP99Ms} ms: ${verdict(ack.p99 <= TARGETS.ackP99Ms)}); ` +
        `alone p50 ${acks.aloneMs.p50} ms; warm-up bursts p99 ${acks.warmUpBurstP99Ms.join(', ')} ms; floor (${COMMANDS} concurrent GET /healthz) p99 ${acks.healthzFloorMs.p99} ms`,
    );
    console.log(
      `clicks: ${clicks.length} over ${ALERTS} alerts → ${count('ok')} ok, ${count('stale')} stale, ${count('rejected') + count('lost')} errors; ` +
        `click-to-chat.update p50 ${updates.p50} ms, p95 ${updates.p95} ms, p99 ${updates.p99} ms (target p95 <= ${TARGETS.updateP95Ms} ms: ${verdict(updates.p95 <= TARGETS.updateP95Ms)}); ` +
        `${log.outOfOrderUpdates} card updates older than one already shown`,
    );
    console.log(`consistency: ${verdict(consistent)}`);
    for (const check of checks) console.log(`  ${verdict(check.ok)}  ${check.name} (${check.detail})`);
    return consistent ? 0 : 1;
  } finally {
    await svc.stop();
  }
}

process.exitCode = await main();
