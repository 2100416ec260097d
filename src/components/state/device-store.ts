/**
 * The device store: what the site keeps on the trainee's own device, in IndexedDB. Nothing leaves
 * the device unless the trainee exports it. Quizzes, chat reports, assignments (我的培训) and the trainer's dashboard use it.
 *
 * Database "sop-xuetang", version DB_VERSION (bump it, and add to `upgrade`, when a store or an
 * index is added; never change a store's key). Every object store keys its records by their own
 * `id` field (keyPath "id"):
 *
 * | store         | record                                                                  |
 * |---------------|-------------------------------------------------------------------------|
 * | "attempts"    | AttemptRecord (src/lib/quiz/attempt-record.ts): the attempt file + { id, updatedAt } |
 * | "chatReports" | ChatReportRecord (src/lib/chat/report-record.ts)                        |
 * | "assignments" | AssignmentRecord: an assignment opened from a link (src/lib/training/device-records.ts) |
 * | "meta"        | small settings, one record per key: { id: "<key>", … }                  |
 * | "trainerAssignments" | (v2) TrainerAssignmentRecord: assignments this device built (/trainer/assign/) |
 * | "trainerImports"     | (v2) StoredImport: result files imported on the dashboard (raw, re-graded on load) |
 *
 * Versions and their upgrade steps (UPGRADES; each runs once, in order, inside the upgrade
 * transaction, and keeps every existing record):
 *   1: attempts, chatReports, assignments, meta
 *   2: trainerAssignments, trainerImports (the trainer's side)
 *
 * AttemptRecord, field by field (docs/data-shapes.md has the same table):
 *
 *   {
 *     "id": "cancel-order-basics-lx2k3m9a-075bcd15",  record key: quiz id, start time (base 36), seed (hex)
 *     "updatedAt": "2025-01-01T08:03:10.000Z",         last time it was saved (ISO 8601)
 *     "format": "sop-quiz-attempt", "formatVersion": 1, "quiz": …, "quizVersion": …, "quizHash": …,
 *     "seed": …, "mode": …, "startedAt": …, "finishedAt"?: …, "answers": { … }, "result"?: { … }
 *   }
 *
 * Leaving out `id` and `updatedAt` gives the exact attempt file that `sop grade-quiz` grades
 * (toAttemptFile in src/lib/quiz/attempt-record.ts does that for the export).
 *
 * Two implementations of one interface (DeviceStore): IndexedDbDeviceStore for browsers and
 * MemoryDeviceStore for tests and for browsers where IndexedDB cannot be opened (private mode,
 * disabled storage). openDeviceStore() picks one and says why it fell back; every failure is a
 * DeviceStoreError with a `reason` the UI turns into a visible message — nothing is swallowed.
 */

export const DB_NAME = 'sop-xuetang';
export const DB_VERSION = 2;
export const STORE_NAMES = ['attempts', 'chatReports', 'assignments', 'meta', 'trainerAssignments', 'trainerImports'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

/** Every record carries its key. Values must be structured-cloneable (plain data, no proxies). */
export interface DeviceRecord {
  id: string;
}

export interface DeviceStore {
  /** "indexeddb" keeps records across reloads; "memory" only while the page is open. */
  readonly kind: 'indexeddb' | 'memory';
  get<T extends DeviceRecord>(store: StoreName, id: string): Promise<T | undefined>;
  /** Inserts or replaces the record with the same id. */
  put<T extends DeviceRecord>(store: StoreName, record: T): Promise<void>;
  /** Every record of the store, in key order. */
  list<T extends DeviceRecord>(store: StoreName): Promise<T[]>;
  delete(store: StoreName, id: string): Promise<void>;
}

/**
 * Why the store failed:
 * - unavailable: IndexedDB is missing or refused (private mode, storage disabled by policy);
 * - blocked: an older version of the site is open in another tab and holds the database;
 * - version: another tab has upgraded the database since this page opened it (reload needed);
 * - quota: the device is out of storage space for this site;
 * - failed: anything else (the message has the browser's error).
 */
export type DeviceStoreProblem = 'unavailable' | 'blocked' | 'version' | 'quota' | 'failed';

export class DeviceStoreError extends Error {
  readonly reason: DeviceStoreProblem;
  constructor(reason: DeviceStoreProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeviceStoreError';
    this.reason = reason;
  }
}

/** Wraps any error from IndexedDB as a DeviceStoreError with a reason. */
export function toDeviceStoreError(err: unknown, during: string): DeviceStoreError {
  if (err instanceof DeviceStoreError) return err;
  const name = (err as { name?: string } | null)?.name ?? '';
  const detail =
    err instanceof Error || (err && typeof err === 'object' && 'message' in err) ? String((err as Error).message) : String(err);
  const reason: DeviceStoreProblem =
    name === 'QuotaExceededError'
      ? 'quota'
      : name === 'VersionError'
        ? 'version'
        : name === 'SecurityError' || (during === 'open' && (name === 'InvalidStateError' || name === 'UnknownError'))
          ? 'unavailable'
          : 'failed';
  return new DeviceStoreError(reason, `${during}: ${name ? `${name}: ` : ''}${detail}`, { cause: err });
}

const clone = <T>(value: T): T => structuredClone(value);

/** Records in memory only: for tests, and the fallback when IndexedDB cannot be used. */
export class MemoryDeviceStore implements DeviceStore {
  readonly kind = 'memory' as const;
  #stores = new Map<StoreName, Map<string, unknown>>(STORE_NAMES.map((name) => [name, new Map()]));

  #store(name: StoreName): Map<string, unknown> {
    const store = this.#stores.get(name);
    if (!store) throw new DeviceStoreError('failed', `没有名为 “${name}” 的存储区`);
    return store;
  }

  async get<T extends DeviceRecord>(store: StoreName, id: string): Promise<T | undefined> {
    const value = this.#store(store).get(id);
    return value === undefined ? undefined : clone(value as T);
  }

  async put<T extends DeviceRecord>(store: StoreName, record: T): Promise<void> {
    if (typeof record?.id !== 'string' || !record.id) throw new DeviceStoreError('failed', 'put: 记录缺少字符串 id');
    // structuredClone, like IndexedDB: fails the same way on values IndexedDB cannot store.
    let copy: T;
    try {
      copy = clone(record);
    } catch (err) {
      throw toDeviceStoreError(err, 'put');
    }
    this.#store(store).set(record.id, copy);
  }

  async list<T extends DeviceRecord>(store: StoreName): Promise<T[]> {
    const entries = [...this.#store(store).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.map(([, v]) => clone(v as T));
  }

  async delete(store: StoreName, id: string): Promise<void> {
    this.#store(store).delete(id);
  }
}

/**
 * Upgrade steps by the version they lead to. Add a step (and bump DB_VERSION) for a new store or
 * index; never drop or re-key a store: records made by older versions must survive.
 */
export const UPGRADES: ReadonlyArray<{ version: number; stores: readonly StoreName[] }> = [
  { version: 1, stores: ['attempts', 'chatReports', 'assignments', 'meta'] },
  { version: 2, stores: ['trainerAssignments', 'trainerImports'] },
];

/** Runs the steps after `oldVersion` (runs in `onupgradeneeded`); a missing store is created in any case. */
export function upgrade(db: IDBDatabase, oldVersion: number): void {
  for (const step of UPGRADES) {
    if (step.version <= oldVersion) continue;
    for (const name of step.stores) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'id' });
  }
  for (const name of STORE_NAMES) {
    if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'id' });
  }
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (err) {
      reject(toDeviceStoreError(err, 'open'));
      return;
    }
    let settled = false;
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      // A late success after "blocked" was reported: nobody uses this connection, close it.
      if (settled) db.close();
      else {
        settled = true;
        resolve(db);
      }
    };
    request.onerror = () => {
      if (!settled) {
        settled = true;
        reject(toDeviceStoreError(request.error, 'open'));
      }
    };
    request.onblocked = () => {
      if (!settled) {
        settled = true;
        reject(new DeviceStoreError('blocked', 'open: 数据库被其他标签页中的旧版本占用'));
      }
    };
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DeviceStoreError('failed', '事务被中止'));
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Records in IndexedDB. Use openDeviceStore(); the constructor takes an open database. */
export class IndexedDbDeviceStore implements DeviceStore {
  readonly kind = 'indexeddb' as const;
  #db: IDBDatabase | null;

  constructor(db: IDBDatabase) {
    this.#db = db;
    // Another tab opens a newer version: let it upgrade, and fail from now on with "version".
    db.onversionchange = () => {
      db.close();
      this.#db = null;
    };
  }

  #tx(store: StoreName, mode: IDBTransactionMode): IDBTransaction {
    if (!this.#db) throw new DeviceStoreError('version', '本站已在其他标签页中更新了本地数据库');
    return this.#db.transaction(store, mode);
  }

  async get<T extends DeviceRecord>(store: StoreName, id: string): Promise<T | undefined> {
    try {
      return (await result(this.#tx(store, 'readonly').objectStore(store).get(id))) as T | undefined;
    } catch (err) {
      throw toDeviceStoreError(err, 'get');
    }
  }

  async put<T extends DeviceRecord>(store: StoreName, record: T): Promise<void> {
    try {
      const tx = this.#tx(store, 'readwrite');
      tx.objectStore(store).put(record);
      await done(tx);
    } catch (err) {
      throw toDeviceStoreError(err, 'put');
    }
  }

  async list<T extends DeviceRecord>(store: StoreName): Promise<T[]> {
    try {
      return (await result(this.#tx(store, 'readonly').objectStore(store).getAll())) as T[];
    } catch (err) {
      throw toDeviceStoreError(err, 'list');
    }
  }

  async delete(store: StoreName, id: string): Promise<void> {
    try {
      const tx = this.#tx(store, 'readwrite');
      tx.objectStore(store).delete(id);
      await done(tx);
    } catch (err) {
      throw toDeviceStoreError(err, 'delete');
    }
  }
}

/**
 * The device store for this browser: IndexedDB when it opens, otherwise a MemoryDeviceStore and
 * the reason (show it: the trainee's records will not survive a reload). Never throws.
 */
export async function openDeviceStore(
  options: { indexedDB?: IDBFactory | null; name?: string } = {},
): Promise<{ store: DeviceStore; problem: DeviceStoreError | null }> {
  const factory = options.indexedDB === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB : options.indexedDB;
  if (!factory) {
    return { store: new MemoryDeviceStore(), problem: new DeviceStoreError('unavailable', 'open: 浏览器不提供 IndexedDB') };
  }
  try {
    return { store: new IndexedDbDeviceStore(await openDatabase(factory, options.name ?? DB_NAME)), problem: null };
  } catch (err) {
    return { store: new MemoryDeviceStore(), problem: toDeviceStoreError(err, 'open') };
  }
}
