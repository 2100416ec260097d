/**
 * The common start of every JSON file the site or the CLI reads (result files, attempt files,
 * replies files): byte-order mark dropped, JSON.parse, and when that fails, why: empty, cut off
 * (truncated download or copy) or simply not JSON. Each reader words the message for its own file.
 */

/** True when the JSON text stops inside a string, object or array (cut-off download or copy). */
export function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return inString || depth > 0;
}

export type JsonFileRead =
  | { ok: true; value: unknown; body: string }
  | {
      ok: false;
      /** The text without its byte-order mark. */
      body: string;
      /** Nothing but whitespace. */
      empty: boolean;
      /** Starts as a JSON object or list and stops inside a string, object or array. */
      truncated: boolean;
      /** JSON.parse's message. */
      detail: string;
    };

/** Reads the text of a JSON file (see the module comment). Never throws. */
export function readJsonFile(text: string): JsonFileRead {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) as unknown, body };
  } catch (err) {
    return {
      ok: false,
      body,
      empty: !body.trim(),
      truncated: /^\s*[{[]/.test(body) && looksTruncated(body),
      detail: err instanceof Error ? err.message : String(err),
    };
  }
}
