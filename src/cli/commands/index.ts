/** Registry of CLI commands. Add a command: write src/cli/commands/<name>.ts and list it here. */
import { validate } from './validate.ts';
import { quizzes } from './quizzes.ts';
import { gradeQuiz } from './grade-quiz.ts';
import { search } from './search.ts';
import { scenarios } from './scenarios.ts';
import { scoreChatCommand } from './score-chat.ts';
import { regrade } from './regrade.ts';
import { sendResults } from './send-results.ts';
import { results } from './results.ts';
import { placeholders } from './placeholders.ts';
import { exportPhrases } from './export-phrases.ts';

export interface Command {
  /** One line shown in the help. */
  summary: string;
  /** Runs with the arguments after the command name; returns the exit code. */
  run(args: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  validate,
  quizzes,
  'grade-quiz': gradeQuiz,
  search,
  scenarios,
  'score-chat': scoreChatCommand,
  regrade,
  'send-results': sendResults,
  results,
  placeholders,
  'export-phrases': exportPhrases,
};
