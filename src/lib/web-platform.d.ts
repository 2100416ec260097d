/**
 * The web-platform APIs that src/lib may use: the ones browsers and Node share (WHATWG/ECMA), and
 * nothing of the DOM. tsconfig.lib.json type-checks src/lib with these and the ES library only, so
 * `window`, `document`, `localStorage`, `indexedDB` … fail `npm run check` there (ARCHITECTURE.md).
 * The main tsconfig.json has the full DOM and Node types; these declarations are not loaded there.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class URL {
  constructor(url: string, base?: string | URL);
  hash: string;
  host: string;
  hostname: string;
  href: string;
  origin: string;
  pathname: string;
  protocol: string;
  search: string;
  readonly searchParams: URLSearchParams;
  toString(): string;
}
declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][]);
  get(name: string): string | null;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  has(name: string): boolean;
  toString(): string;
}
declare function structuredClone<T>(value: T): T;
interface WebResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}
interface WebRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  mode?: string;
  credentials?: string;
  cache?: string;
}
declare class AbortSignal {
  readonly aborted: boolean;
  static timeout(ms: number): AbortSignal;
}
declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare function fetch(input: string, init?: WebRequestInit): Promise<WebResponse>;
declare function setTimeout(handler: () => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
