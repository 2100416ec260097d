/** Helpers for the chat-engine tests: in-memory standards and scenarios, and a model-reply driver. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { scenarioSchema, standardSchema, type Scenario, type Standard } from '../../src/schemas/index.ts';
import { buildChatRules, type ChatRules } from '../../src/lib/chat/rules.ts';
import { scenarioIntents, startChat, type AgentReply } from '../../src/lib/chat/player.ts';
import { HOLD_INTENT } from '../../src/lib/chat/player.ts';
import { analyseMessage } from '../../src/lib/chat/intents.ts';

export const FIXTURE_ROOT = join(import.meta.dirname, '../fixtures/chat-site');

/** The fixture site's standards (the same phrase lists as the real core standards, kept small). */
export function fixtureStandards(): Standard[] {
  const raw = parse(readFileSync(join(FIXTURE_ROOT, 'content/standards/core.yaml'), 'utf8')) as unknown[];
  return raw.map((s) => standardSchema.parse(s));
}

export function fixtureRules(): ChatRules {
  return buildChatRules(fixtureStandards());
}

export function fixtureScenario(): Scenario {
  return scenarioSchema.parse(parse(readFileSync(join(FIXTURE_ROOT, 'content/scenarios/bargain-mini.yaml'), 'utf8')));
}

/** Parses an in-memory scenario (defaults applied). */
export function scenario(input: unknown): Scenario {
  return scenarioSchema.parse(input);
}

/**
 * The replies a model agent sends: each turn's modelReplies, in order, until an ending. Times:
 * `firstMs` for the first message of a turn, `nextMs` for the next ones, `holdMs` after a
 * message that asked the customer to wait.
 */
export function modelReplies(sc: Scenario, rules: ChatRules, times = { firstMs: 8000, nextMs: 7000, holdMs: 120000 }): AgentReply[] {
  const { session } = startChat(sc, rules);
  const intents = scenarioIntents(sc);
  const replies: AgentReply[] = [];
  let held = false;
  for (let guard = 0; guard < 50 && !session.done; guard++) {
    const turn = session.turn;
    if (!turn) break;
    let moved = false;
    for (const [i, text] of turn.modelReplies.entries()) {
      const reply = { text, afterMs: held ? times.holdMs : i === 0 ? times.firstMs : times.nextMs };
      held = analyseMessage(text, intents).hits.has(HOLD_INTENT);
      replies.push(reply);
      session.reply(reply);
      if (session.done || session.turn !== turn) {
        moved = true;
        break;
      }
    }
    if (!moved) break; // the model replies do not move the chat on: the caller's test will fail
  }
  return replies;
}
