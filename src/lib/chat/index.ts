/**
 * The chat simulator's engine (pure, deterministic, browser- and Node-safe):
 * normalize.ts (text folding, phrase search) → intents.ts (synonym groups, amounts.ts for yuan)
 * → player.ts (state machine over a scenario's turns) → checks.ts (findings per standard)
 * → score.ts (weights, score, grade, transcript). rules.ts builds the phrase lists and limits
 * from the standards content.
 */
export { buildChatRules, resolveLimits, CHAT_STANDARDS, type ChatRules, type Limits } from './rules.ts';
export { compileIntents, analyseMessage, type CompiledIntent, type MessageAnalysis } from './intents.ts';
export { BUILTIN_INTENTS, BUILTIN_INTENT_IDS } from './builtin-intents.ts';
export { startChat, playChat, scenarioIntents, sanitizeMs, type AgentReply, type ChatSession, type PlayResult } from './player.ts';
export { TYPING_MIN_CHARS, POLITE_MIN_DISTINCT, THREE_MUSTS, type Finding } from './checks.ts';
export { scoreChat, scorePlay, SCORE_WEIGHTS, ENDING_CREDIT, type ChatReport, type TranscriptEntry } from './score.ts';
