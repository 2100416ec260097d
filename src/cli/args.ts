/** Command-line options shared by the CLI commands (src/cli/commands/): reading them and resolving the ids they name. */

/** The value of `--name value` or `--name=value`; undefined when missing or followed by another option. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1]?.startsWith('--') ? undefined : args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/**
 * The item with this id; when there is none, writes `没有<what> “<id>”（现有：…）` to stderr with
 * the ids there are, and returns undefined (the command then exits 1).
 */
export function findById<T extends { id: string }>(items: readonly T[], id: string, what: string): T | undefined {
  const found = items.find((x) => x.id === id);
  if (!found) process.stderr.write(`没有${what} “${id}”（现有：${items.map((x) => x.id).join('、') || '（无）'}）\n`);
  return found;
}
