import autocannon from 'autocannon';
import { summarise, type LatencySummary } from './stats.js';

/**
 * One request of a connection's sequence. `next` is asked right before each send, so a request can carry
 * what an earlier answer said (the plan's version) and vary its query (search terms) from one round to the next.
 */
export interface Step {
  /** The route as the report names it, e.g. `GET /api/cases/:id/plan`. */
  label: string;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  next(): { path: string; body?: string };
  onResponse?(status: number, body: string): void;
}

export interface LoadSpec {
  connections: number;
  seconds: number;
  /** Seconds to wait for an answer before the request counts as a timeout. */
  timeoutSeconds: number;
  /** The steps connection k repeats (its own user and case), in order. */
  stepsFor(k: number): Step[];
}

export interface LabelFigures extends LatencySummary {
  label: string;
  errors: number;
}

export interface LoadFigures {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Per route of the sequence, in the sequence's order. */
  byLabel: LabelFigures[];
  /** Complete rounds of a multi-request sequence (all answers 2xx): their latency, the sum of their requests'. */
  sequences: (LatencySummary & { perSecond: number; length: number }) | null;
  errors: {
    total: number;
    non2xx: number;
    /** Socket errors and timeouts (autocannon's errors, which include timeouts). */
    socket: number;
    timeouts: number;
    byStatus: Record<string, number>;
    /** The problem code of the first refused answer per route (problem documents carry no personal data). */
    firstProblem: Record<string, string>;
  };
}

interface ConnectionState {
  steps: Step[];
  lastIndex: number;
  /** The request in flight is a drain ping (sent after the deadline), not part of the journey. */
  draining: boolean;
  roundMs: number;
  roundAnswers: number;
  roundOk: boolean;
}

const DRAIN_PING = {
  method: 'GET' as const,
  path: '/api/ping',
  headers: { accept: 'application/json' },
  body: '',
};

function problemCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : 'no problem code';
  } catch {
    return 'not JSON';
  }
}

/**
 * Drives the server with autocannon: `connections` keep-alive connections, each repeating its own steps for
 * `seconds`. Every answer's latency (autocannon's, from send to the last byte) is kept by route, so the
 * percentiles are exact and a sequence's routes can be told apart.
 *
 * After the deadline no connection begins another round of its steps (it finishes the one it is in): it sends
 * GET /api/ping instead (not counted) until every connection's round has been answered, then the run stops.
 * So a slow request (an annual report under load) or a long sequence (a case with all its tabs) is counted
 * when it ends instead of being cut off, and no abandoned work keeps the server busy into the next
 * measurement. Requests per second are counted up to the last counted answer.
 */
export async function drive(url: string, spec: LoadSpec): Promise<LoadFigures> {
  const all: number[] = [];
  const byLabel = new Map<string, { ms: number[]; errors: number }>();
  const rounds: number[] = [];
  const byStatus: Record<string, number> = {};
  const firstProblem: Record<string, string> = {};
  const states: ConnectionState[] = [];
  let sequenceLength = 1;
  let next = 0;
  const startedAt = performance.now();
  const deadline = startedAt + spec.seconds * 1000;
  let lastAnswerAt = startedAt;
  let drained: () => void = () => undefined;
  const allDrained = new Promise<void>((resolve) => (drained = resolve));
  const checkDrained = () => {
    if (states.length === spec.connections && states.every((s) => s.draining)) drained();
  };

  const setupClient = (client: autocannon.Client) => {
    const k = next++;
    const steps = spec.stepsFor(k);
    sequenceLength = steps.length;
    for (const step of steps) if (!byLabel.has(step.label)) byLabel.set(step.label, { ms: [], errors: 0 });
    const state: ConnectionState = {
      steps,
      lastIndex: 0,
      draining: false,
      roundMs: 0,
      roundAnswers: 0,
      roundOk: true,
    };
    states.push(state);
    client.setRequests(
      steps.map((step, index) => ({
        method: step.method,
        setupRequest: (request: autocannon.Request) => {
          // A round that has begun is finished; the next one is not begun after the deadline.
          if (state.draining || (index === 0 && performance.now() >= deadline)) {
            state.draining = true;
            checkDrained();
            return { ...request, ...DRAIN_PING };
          }
          const built = step.next();
          return { ...request, path: built.path, headers: step.headers, body: built.body ?? '' };
        },
        onResponse: (status: number, body: string) => {
          if (state.draining) return;
          state.lastIndex = index;
          if ((status < 200 || status >= 300) && firstProblem[step.label] === undefined) {
            firstProblem[step.label] = `${status} ${problemCode(body)}`;
          }
          step.onResponse?.(status, body);
        },
      })),
    );
    client.on('response', (status: number, _bytes: number, ms: number) => {
      if (state.draining) return;
      const step = state.steps[state.lastIndex];
      if (!step) return;
      lastAnswerAt = performance.now();
      const ok = status >= 200 && status < 300;
      all.push(ms);
      const entry = byLabel.get(step.label);
      entry?.ms.push(ms);
      if (!ok && entry) entry.errors += 1;
      byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
      if (state.lastIndex === 0) {
        state.roundMs = 0;
        state.roundAnswers = 0;
        state.roundOk = true;
      }
      state.roundMs += ms;
      state.roundAnswers += 1;
      state.roundOk &&= ok;
      if (state.lastIndex === state.steps.length - 1 && state.roundAnswers === state.steps.length) {
        if (state.roundOk) rounds.push(state.roundMs);
      }
    });
  };

  let settle: (error: unknown, result?: autocannon.Result) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    settle = (error, result) =>
      error || !result
        ? reject(error instanceof Error ? error : new Error('autocannon failed'))
        : resolve(result);
  });
  const instance = autocannon(
    {
      url,
      connections: spec.connections,
      // Ended by the drain below; this is only the outer bound.
      duration: spec.seconds + spec.timeoutSeconds + 5,
      timeout: spec.timeoutSeconds,
      setupClient,
    },
    (error, result) => settle(error, result),
  );
  await Promise.race([allDrained, finished]);
  instance.stop();
  const result = await finished;
  const seconds = Math.max(spec.seconds, (lastAnswerAt - startedAt) / 1000);
  const non2xx = Object.entries(byStatus)
    .filter(([status]) => !status.startsWith('2'))
    .reduce((n, [, count]) => n + count, 0);
  const socket = result.errors;
  return {
    connections: spec.connections,
    seconds,
    requests: all.length,
    requestsPerSecond: all.length / seconds,
    latency: summarise(all),
    byLabel: [...byLabel.entries()].map(([label, v]) => ({ label, errors: v.errors, ...summarise(v.ms) })),
    sequences:
      sequenceLength > 1
        ? { ...summarise(rounds), perSecond: rounds.length / seconds, length: sequenceLength }
        : null,
    errors: {
      total: non2xx + socket,
      non2xx,
      socket,
      timeouts: result.timeouts,
      byStatus,
      firstProblem,
    },
  };
}
