#!/usr/bin/env node
/**
 * The project CLI: npm run --silent sop -- <command> [options]. Reuses src/lib, so search and
 * grading can be run and tested without a browser. Each command lives in src/cli/commands/.
 */
import { commands } from './commands/index.ts';

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  const list = Object.entries(commands)
    .map(([n, c]) => `  ${n.padEnd(12)} ${c.summary}`)
    .join('\n');
  process.stderr.write(`用法: npm run --silent sop -- <命令> [选项]\n\n命令:\n${list}\n`);
  process.exit(name ? 2 : 0);
}
try {
  process.exitCode = await command.run(args);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
