// Reads the client credentials from a `.env` file (the OnTrack guide keeps them there).
// dotenv parses the values (comments, quotes, `export`, multi-line quoted values); it silently
// skips lines it cannot read, so each line is also checked here to name a malformed one.
import { vendor } from '../vendor/load';
import * as l10n from '@vscode/l10n';

export const ENV_KEYS = ['PANOPTO_SERVER_URL', 'PANOPTO_CLIENT_ID', 'PANOPTO_CLIENT_SECRET', 'PANOPTO_REDIRECT_URI'] as const;
export type EnvKey = (typeof ENV_KEYS)[number];
export type PanoptoEnv = Partial<Record<EnvKey, string>>;

export class EnvFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'EnvFileError';
  }
}

const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*(?:=|:\s)/;

/** Throws EnvFileError naming the first line that is neither blank, a comment nor an assignment. */
function checkLines(text: string): void {
  // Every CR ends a line, as for dotenv (which reads a lone CR as a break) and an editor's numbering.
  const lines = text.split(/\r\n|\r|\n/);
  let openQuote: string | undefined;
  let openedAt = 0;
  lines.forEach((line, index) => {
    if (openQuote) {
      // Inside a multi-line quoted value: look for its closing quote.
      if (line.includes(openQuote)) {
        openQuote = undefined;
      }
      return;
    }
    if (line.trim() === '' || line.trim().startsWith('#')) {
      return;
    }
    if (!ASSIGNMENT.test(line)) {
      throw new EnvFileError(index + 1, l10n.t('Line {0} is not a NAME=value assignment.', index + 1));
    }
    const value = line.replace(ASSIGNMENT, '').trimStart();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.indexOf(quote, 1) === -1) {
      openQuote = quote;
      openedAt = index + 1;
    }
  });
  if (openQuote) {
    throw new EnvFileError(openedAt, l10n.t('Line {0} opens a quoted value that is never closed.', openedAt));
  }
}

/** The Panopto keys found in the file's text; other keys are ignored. */
export function parsePanoptoEnv(text: string): PanoptoEnv {
  checkLines(text);
  const all = vendor().parseDotenv(text); // dotenv, loaded on first use (src/vendor/load.ts)
  const found: PanoptoEnv = {};
  for (const key of ENV_KEYS) {
    const value = all[key]?.trim();
    if (value) {
      found[key] = value;
    }
  }
  return found;
}
