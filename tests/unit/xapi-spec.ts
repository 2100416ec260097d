/**
 * An independent check of xAPI 1.0.3 statements against the spec's requirements (Part Two:
 * "Experience API Data"), used by the unit tests and by the e2e test's local LRS. Returns every
 * violation as "path: what"; [] means the statement is one a conformant LRS must accept.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;

const STATEMENT_KEYS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments'];
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function languageMap(v: unknown, path: string, out: string[]) {
  if (!isObj(v)) return void out.push(`${path}: 应是语言映射 (language map)`);
  for (const [k, x] of Object.entries(v)) {
    if (!LANG.test(k)) out.push(`${path}.${k}: 不是 RFC 5646 语言标签`);
    if (typeof x !== 'string') out.push(`${path}.${k}: 应是字符串`);
  }
}

function agent(v: unknown, path: string, out: string[]) {
  if (!isObj(v)) return void out.push(`${path}: 必填，应是对象`);
  if (v.objectType !== undefined && v.objectType !== 'Agent') out.push(`${path}.objectType: 应是 Agent`);
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => v[k] !== undefined);
  if (ifis.length !== 1) out.push(`${path}: 必须恰好有一个标识 (IFI)，实际 ${ifis.length} 个`);
  if (v.account !== undefined) {
    const a = v.account;
    if (!isObj(a)) out.push(`${path}.account: 应是对象`);
    else {
      if (typeof a.homePage !== 'string' || !IRI.test(a.homePage)) out.push(`${path}.account.homePage: 必填 IRL`);
      if (typeof a.name !== 'string' || !a.name) out.push(`${path}.account.name: 必填字符串`);
    }
  }
  if (v.mbox !== undefined && !/^mailto:/.test(String(v.mbox))) out.push(`${path}.mbox: 应以 mailto: 开头`);
  if (v.name !== undefined && typeof v.name !== 'string') out.push(`${path}.name: 应是字符串`);
}

function activity(v: unknown, path: string, out: string[]) {
  if (!isObj(v)) return void out.push(`${path}: 应是对象`);
  if (v.objectType !== undefined && v.objectType !== 'Activity') out.push(`${path}.objectType: 应是 Activity`);
  if (typeof v.id !== 'string' || !IRI.test(v.id)) out.push(`${path}.id: 必填 IRI`);
  if (v.definition !== undefined) {
    const d = v.definition;
    if (!isObj(d)) out.push(`${path}.definition: 应是对象`);
    else {
      if (d.name !== undefined) languageMap(d.name, `${path}.definition.name`, out);
      if (d.description !== undefined) languageMap(d.description, `${path}.definition.description`, out);
      if (d.type !== undefined && (typeof d.type !== 'string' || !IRI.test(d.type))) out.push(`${path}.definition.type: 应是 IRI`);
    }
  }
}

export function checkStatement(s: unknown): string[] {
  const out: string[] = [];
  if (!isObj(s)) return ['statement: 应是对象'];
  for (const k of Object.keys(s)) if (!STATEMENT_KEYS.includes(k)) out.push(`${k}: 不是语句的属性`);
  if (s.id !== undefined && (typeof s.id !== 'string' || !UUID.test(s.id))) out.push('id: 应是 UUID');
  agent(s.actor, 'actor', out);
  if (!isObj(s.verb)) out.push('verb: 必填');
  else {
    if (typeof s.verb.id !== 'string' || !IRI.test(s.verb.id)) out.push('verb.id: 必填 IRI');
    if (s.verb.display !== undefined) languageMap(s.verb.display, 'verb.display', out);
  }
  if (s.object === undefined) out.push('object: 必填');
  else activity(s.object, 'object', out);
  if (s.result !== undefined) {
    const r = s.result;
    if (!isObj(r)) out.push('result: 应是对象');
    else {
      if (r.score !== undefined) {
        const sc = r.score;
        if (!isObj(sc)) out.push('result.score: 应是对象');
        else {
          const num = (k: string) => (sc[k] === undefined ? undefined : typeof sc[k] === 'number' ? (sc[k] as number) : NaN);
          const [scaled, raw, min, max] = ['scaled', 'raw', 'min', 'max'].map(num);
          if (scaled !== undefined && !(scaled >= -1 && scaled <= 1)) out.push('result.score.scaled: 应在 -1 到 1 之间');
          if (min !== undefined && max !== undefined && !(min < max)) out.push('result.score: min 应小于 max');
          if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max) || Number.isNaN(raw)))
            out.push('result.score.raw: 应在 min 与 max 之间');
        }
      }
      for (const k of ['success', 'completion'])
        if (r[k] !== undefined && typeof r[k] !== 'boolean') out.push(`result.${k}: 应是 true 或 false`);
      if (r.duration !== undefined && (typeof r.duration !== 'string' || !ISO_DURATION.test(r.duration)))
        out.push('result.duration: 应是 ISO 8601 时长（秒最多两位小数）');
    }
  }
  if (s.context !== undefined) {
    const c = s.context;
    if (!isObj(c)) out.push('context: 应是对象');
    else {
      if (c.registration !== undefined && (typeof c.registration !== 'string' || !UUID.test(c.registration)))
        out.push('context.registration: 应是 UUID');
      if (c.language !== undefined && (typeof c.language !== 'string' || !LANG.test(c.language)))
        out.push('context.language: 应是 RFC 5646 语言标签');
      if (c.platform !== undefined && typeof c.platform !== 'string') out.push('context.platform: 应是字符串');
      if (c.contextActivities !== undefined) {
        if (!isObj(c.contextActivities)) out.push('context.contextActivities: 应是对象');
        else
          for (const [k, v] of Object.entries(c.contextActivities)) {
            if (!['parent', 'grouping', 'category', 'other'].includes(k)) out.push(`context.contextActivities.${k}: 不是允许的键`);
            (Array.isArray(v) ? v : [v]).forEach((a, i) => activity(a, `context.contextActivities.${k}[${i}]`, out));
          }
      }
      if (c.extensions !== undefined) {
        if (!isObj(c.extensions)) out.push('context.extensions: 应是对象');
        else for (const k of Object.keys(c.extensions)) if (!IRI.test(k)) out.push(`context.extensions: 键 “${k}” 应是 IRI`);
      }
    }
  }
  if (s.timestamp !== undefined && (typeof s.timestamp !== 'string' || !ISO_TIME.test(s.timestamp)))
    out.push('timestamp: 应是 ISO 8601 时间');
  return out;
}
