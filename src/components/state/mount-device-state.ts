/**
 * How an island that keeps records on the device starts: once mounted, open the device store,
 * build the island's state object with it (passing on the store's fallback problem, which the
 * island shows with StorageAlert), hand the object to the island, then load its records.
 */
import { openDeviceStore, type DeviceStore, type DeviceStoreError } from './device-store.ts';

/**
 * For onMount: opens the store, then `create(store, problem)`, `show(created)` and
 * `created.load()`. An island unmounted while the store opens creates nothing. Returns onMount's
 * cleanup, which calls `dispose` on what was created.
 */
export function mountDeviceState<S extends { load(): Promise<unknown> }>(
  create: (store: DeviceStore, problem: DeviceStoreError | null) => S,
  show: (created: S) => void,
  dispose?: (created: S) => void,
): () => void {
  let cancelled = false;
  let created: S | null = null;
  (async () => {
    const { store, problem } = await openDeviceStore();
    if (cancelled) return;
    created = create(store, problem);
    show(created);
    await created.load();
  })();
  return () => {
    cancelled = true;
    if (created) dispose?.(created);
  };
}
