import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type DialectAdapter, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types.js';
import type { Executor, RequestContext } from './context.js';

/**
 * The audit log: append-only (database triggers refuse UPDATE and DELETE), written in the same
 * transaction as the change it records, and hash-chained per organisation — each entry holds the
 * hash of the one before, so a removed or altered entry breaks the chain at that point.
 * Entries hold ids and codes only, never personal values.
 */
export const INSTALLATION_CHAIN = 'installation';
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Codes, ids, counts, changed field names — never names, texts or other personal values. */
  details?: Record<string, unknown>;
}

export interface AuditOrigin {
  actorUserId: string | null;
  organisationId: string | null;
  requestId: string | null;
  at: Date;
}

/** JSON with sorted keys, so the hash does not depend on how a database re-serialises the details. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainedFields {
  chain_id: string;
  seq: number;
  occurred_at: string;
  actor_user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  details: unknown;
}

export function entryHash(prevHash: string, entry: ChainedFields): string {
  const content = canonicalJson({ ...entry, details: entry.details });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export function originOf(ctx: RequestContext): AuditOrigin {
  return {
    actorUserId: ctx.actor.userId,
    organisationId: ctx.actor.organisationId,
    requestId: ctx.requestId,
    at: ctx.now,
  };
}

/** An entry to append: who, where and when (`origin`), and what (`event`). */
type PendingEntry = { origin: AuditOrigin; event: AuditEvent };

/** Entries of a transaction opened by `inTransaction` or a read of `readAudited`, written when its work is done. */
const pendingEntries = new WeakMap<Executor, PendingEntry[]>();

/**
 * Runs `work` in a transaction and appends its audit entries at the end, just before the commit. Appending
 * locks the organisation's chain head until the commit; claimed last, it is held for a few statements
 * instead of the whole use case, so the audited requests of one organisation do not queue behind each other's
 * reads (measured in bench/: docs/performance.md). The entries still commit or roll back with the work.
 */
export function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const entries: PendingEntry[] = [];
    pendingEntries.set(trx, entries);
    const result = await work(trx);
    pendingEntries.delete(trx);
    await writeEntries(trx, entries);
    return result;
  });
}

/**
 * Runs a read of personal data and appends its audit entries when the read is done, without a transaction
 * around the read: it changes nothing, and its statements see committed data each (as they would in a READ
 * COMMITTED transaction). If the entries cannot be written, the request fails and the data is not returned.
 * Only for work that writes nothing.
 * - PostgreSQL: a single entry commits by itself in one statement (appendOneOnPostgres), so the request saves
 *   the `begin` and `commit` round trips and holds no connection between its statements.
 * - SQLite: the entries of the reads that finish in the same turn of the event loop are written in one
 *   transaction (`writtenTogether`), so they share one commit and its sync; each read answers only after that
 *   commit. (A read in a transaction of its own held SQLite's single connection from its first select to its
 *   commit, and every read synced on its own.)
 * Called with a transaction, the entries join it.
 */
export function readAudited<T>(db: Kysely<DB>, work: (reader: Executor) => Promise<T>): Promise<T> {
  return (async () => {
    // An executor of its own, so the entries of concurrent reads are kept apart (Lotse's Kysely has no plugins
    // to lose: db/database.ts).
    const reader = db.withoutPlugins();
    const entries: PendingEntry[] = [];
    pendingEntries.set(reader, entries);
    const result = await work(reader);
    pendingEntries.delete(reader);
    await writeEntries(reader, entries);
    return result;
  })();
}

/**
 * SQLite: per database, the reads and the appends outside a transaction whose entries wait for the next shared
 * commit. Keyed by the database's adapter: Kysely creates one per database and every executor derived from it
 * (`withoutPlugins`, transactions) shares it, so the reads' own executors meet in one queue.
 */
const commitQueues = new WeakMap<
  DialectAdapter,
  { entries: readonly PendingEntry[]; settle: (error?: unknown) => void }[]
>();

/**
 * SQLite: writes the entries together with those of the other reads and appends outside a transaction that end
 * before the next turn of the event loop, in one transaction; resolves once it has committed. A failed commit
 * fails every caller of that turn.
 */
function writtenTogether(db: Kysely<DB>, entries: readonly PendingEntry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const waiting = {
      entries,
      settle: (error?: unknown) => (error === undefined ? resolve() : reject(error)),
    };
    const database = db.getExecutor().adapter;
    const queue = commitQueues.get(database);
    if (queue) {
      queue.push(waiting);
      return;
    }
    const turn = [waiting];
    commitQueues.set(database, turn);
    setImmediate(() => {
      commitQueues.delete(database);
      db.transaction()
        .execute((trx) =>
          writeEntries(
            trx,
            turn.flatMap((w) => w.entries),
          ),
        )
        .then(
          () => turn.forEach((w) => w.settle()),
          (error: unknown) => turn.forEach((w) => w.settle(error ?? new Error('audit commit failed'))),
        );
    });
  });
}

/**
 * Appends one entry. Call it inside the transaction of the change it records; in a transaction opened by
 * `inTransaction` or a read of `readAudited` it is written when the work is done, otherwise at once (on SQLite
 * with the next shared commit, see `writtenTogether`).
 */
export async function appendAudit(trx: Executor, origin: AuditOrigin, event: AuditEvent): Promise<void> {
  const pending = pendingEntries.get(trx);
  if (pending) pending.push({ origin, event });
  else await writeEntries(trx, [{ origin, event }]);
}

/**
 * Writes entries in their order, claiming each chain's next links once for all of its entries. Outside a
 * transaction, claiming a link and writing it are made one unit: on PostgreSQL one statement for a single entry,
 * a transaction of their own for several; on SQLite the shared commit of `writtenTogether`. (Run as separate
 * statements, two appends could claim consecutive links that both read the same previous hash: the chain would
 * break.)
 */
async function writeEntries(trx: Executor, entries: readonly PendingEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const oneStatement = entries.length === 1 && trx.getExecutor().adapter instanceof PostgresAdapter;
  if (!trx.isTransaction && !oneStatement) {
    if (trx.getExecutor().adapter instanceof PostgresAdapter)
      await trx.transaction().execute((own) => writeEntries(own, entries));
    else await writtenTogether(trx, entries);
    return;
  }
  const chains = new Map<string, PendingEntry[]>();
  for (const entry of entries) {
    const chainId = entry.origin.organisationId ?? INSTALLATION_CHAIN;
    chains.set(chainId, [...(chains.get(chainId) ?? []), entry]);
  }
  for (const [chainId, ofChain] of chains) await writeChained(trx, chainId, ofChain);
}

async function writeChained(trx: Executor, chainId: string, entries: readonly PendingEntry[]): Promise<void> {
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only && trx.getExecutor().adapter instanceof PostgresAdapter) {
    if (await appendOneOnPostgres(trx, chainId, only)) return;
    await createChainHead(trx, chainId);
    if (await appendOneOnPostgres(trx, chainId, only)) return;
    throw new Error('audit chain head could not be claimed');
  }
  // Claim the next links. The UPDATE locks the chain's head row until commit (row lock on PostgreSQL,
  // the single writer on SQLite), so concurrent transactions — also from other app instances — queue up
  // instead of forking the chain.
  const claim = () =>
    trx
      .updateTable('audit_chains')
      .set((eb) => ({ last_seq: eb('last_seq', '+', entries.length) }))
      .where('chain_id', '=', chainId)
      .returning(['last_seq', 'last_hash'])
      .executeTakeFirst();
  let head = await claim();
  if (!head) {
    await createChainHead(trx, chainId);
    head = await claim();
    if (!head) throw new Error('audit chain head could not be claimed');
  }
  let seq = Number(head.last_seq) - entries.length;
  let prevHash = head.last_hash;
  const rows = entries.map(({ origin, event }) => {
    seq += 1;
    const fields: ChainedFields = { ...entryFields(chainId, origin, event), seq };
    const hash = entryHash(prevHash, fields);
    const row = { ...fields, details: canonicalJson(fields.details), prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    // One round trip instead of two: the entries are inserted by a data-modifying WITH of the head's update
    // (every audited request runs this; docs/performance.md).
    await trx
      .with('appended', (db) => db.insertInto('audit_log').values(rows))
      .updateTable('audit_chains')
      .set({ last_hash: prevHash })
      .where('chain_id', '=', chainId)
      .execute();
    return;
  }
  await trx.insertInto('audit_log').values(rows).execute();
  await trx
    .updateTable('audit_chains')
    .set({ last_hash: prevHash })
    .where('chain_id', '=', chainId)
    .execute();
}

/** What an entry's hash covers, but its place in the chain. */
function entryFields(chainId: string, origin: AuditOrigin, event: AuditEvent): Omit<ChainedFields, 'seq'> {
  return {
    chain_id: chainId,
    occurred_at: origin.at.toISOString(),
    actor_user_id: origin.actorUserId,
    organisation_id: origin.organisationId,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId ?? null,
    request_id: origin.requestId,
    details: event.details ?? {},
  };
}

async function createChainHead(trx: Executor, chainId: string): Promise<void> {
  await trx
    .insertInto('audit_chains')
    .values({ chain_id: chainId, last_seq: 0, last_hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('chain_id').doNothing())
    .execute();
}

/**
 * One entry in one statement on PostgreSQL (most requests write one): the chain head is locked and read, moved
 * on and the entry inserted together, so the head stays locked for one statement and the commit instead of
 * three round trips. The entry's hash is computed by the database from the same text the JavaScript would
 * hash: canonical JSON sorts its keys and `seq` sorts last, so the content is the entry without `seq`, then
 * `,"seq":<n>}` with the number the head gives. `verifyAuditChains` recomputes every hash in JavaScript.
 * Returns false when the chain has no head yet.
 */
async function appendOneOnPostgres(
  trx: Executor,
  chainId: string,
  { origin, event }: PendingEntry,
): Promise<boolean> {
  const fields = entryFields(chainId, origin, event);
  const withoutSeq = canonicalJson(fields);
  const contentBeforeSeq = `${withoutSeq.slice(0, -1)},"seq":`;
  const result = await sql`
    with old as (
      select last_seq, last_hash from audit_chains where chain_id = ${chainId} for update
    ), head as (
      update audit_chains
      set last_seq = old.last_seq + 1,
          last_hash = encode(sha256(convert_to(
            old.last_hash || ${'\n'} || ${contentBeforeSeq} || (old.last_seq + 1)::text || '}', 'UTF8')), 'hex')
      from old
      where audit_chains.chain_id = ${chainId}
      returning audit_chains.last_seq, audit_chains.last_hash, old.last_hash as prev_hash
    )
    insert into audit_log (chain_id, seq, occurred_at, actor_user_id, organisation_id, action, entity_type,
      entity_id, request_id, details, prev_hash, hash)
    select ${chainId}, head.last_seq, ${origin.at.toISOString()}::timestamptz, ${origin.actorUserId}::uuid,
      ${origin.organisationId}::uuid, ${event.action}, ${event.entityType}, ${event.entityId ?? null},
      ${origin.requestId}, ${canonicalJson(fields.details)}::jsonb, head.prev_hash, head.last_hash
    from head`.execute(trx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Records a change made by the signed-in user. */
export function audit(trx: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  return appendAudit(trx, originOf(ctx), event);
}

/**
 * Records that the signed-in user read personal data of a record (need-to-know is checked before;
 * this makes the read attributable). Modules call it in the use case that returns the data.
 */
export function auditRead(
  trx: Executor,
  ctx: RequestContext,
  entityType: string,
  entityId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  return appendAudit(trx, originOf(ctx), {
    action: `${entityType}.read`,
    entityType,
    entityId,
    ...(details ? { details } : {}),
  });
}

export interface ChainBreak {
  chainId: string;
  seq: number;
  reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' | 'head-mismatch';
}

export interface VerifyResult {
  intact: boolean;
  checked: number;
  chains: number;
  firstBroken: ChainBreak | null;
}

/** Walks every chain (or only the given ones) in order and reports the first broken link. */
export async function verifyAuditChains(db: Kysely<DB>, chainIds?: string[]): Promise<VerifyResult> {
  let chainQuery = db
    .selectFrom('audit_chains')
    .select(['chain_id', 'last_seq', 'last_hash'])
    .orderBy('chain_id');
  if (chainIds) {
    if (chainIds.length === 0) return { intact: true, checked: 0, chains: 0, firstBroken: null };
    chainQuery = chainQuery.where('chain_id', 'in', chainIds);
  }
  const heads = await chainQuery.execute();
  let checked = 0;
  const batch = 1000;
  for (const head of heads) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain_id', '=', head.chain_id)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batch)
        .execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        const broken = (reason: ChainBreak['reason']): VerifyResult => ({
          intact: false,
          checked,
          chains: heads.length,
          firstBroken: { chainId: head.chain_id, seq, reason },
        });
        if (seq !== expectedSeq) return broken('sequence-gap');
        if (row.prev_hash !== prevHash) return broken('prev-hash-mismatch');
        const recomputed = entryHash(prevHash, {
          chain_id: row.chain_id,
          seq,
          occurred_at: row.occurred_at,
          actor_user_id: row.actor_user_id,
          organisation_id: row.organisation_id,
          action: row.action,
          entity_type: row.entity_type,
          entity_id: row.entity_id,
          request_id: row.request_id,
          details: JSON.parse(row.details) as unknown,
        });
        if (recomputed !== row.hash) return broken('hash-mismatch');
        prevHash = row.hash;
        expectedSeq = seq + 1;
        checked += 1;
      }
      if (rows.length < batch) break;
    }
    if (expectedSeq - 1 !== Number(head.last_seq) || prevHash !== head.last_hash) {
      return {
        intact: false,
        checked,
        chains: heads.length,
        firstBroken: { chainId: head.chain_id, seq: expectedSeq, reason: 'head-mismatch' },
      };
    }
  }
  return { intact: true, checked, chains: heads.length, firstBroken: null };
}
