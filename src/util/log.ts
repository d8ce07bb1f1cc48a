// Logging that cannot leak secrets.
// Every module logs through `Log`; the extension backs it with a LogOutputChannel, tests with an
// in-memory sink. Secrets are removed twice: values the extension registered as secret (tokens,
// codes, verifiers, client secrets, application keys) are replaced wherever they appear, and
// anything shaped like a credential (JWTs, bearer headers, `code=`/`*_token=` parameters) is masked
// too, so a secret we forgot to register still does not reach the log.

export interface Log {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(error: string | Error, ...args: unknown[]): void;
}

export const REDACTED = '‹redacted›';

/**
 * How many registered secrets are remembered. Every log line is scanned for each of them, and some
 * come from outside (a redirect's `code`), so the set is bounded: the least recently registered
 * value goes first. Values in use are registered again whenever they are used (tokenStore.ts,
 * oauthClient.ts, client.ts), which keeps them at the recent end; the credential patterns below
 * still mask what shape alone gives away.
 */
export const MAX_REGISTERED_SECRETS = 300;

// A Map keeps insertion order: the first key is the least recently registered.
const knownSecrets = new Map<string, true>();
/** The last key of knownSecrets, if it has one. */
let newestSecret: string | undefined;

/** Remember a value that must never be logged. Short values are ignored: masking them would mangle ordinary text. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 8 || value === newestSecret) {
    // Already at the recent end: the client registers its token again before every request.
    return;
  }
  newestSecret = value;
  knownSecrets.delete(value);
  knownSecrets.set(value, true);
  if (knownSecrets.size > MAX_REGISTERED_SECRETS) {
    const oldest = knownSecrets.keys().next().value;
    if (oldest !== undefined) {
      knownSecrets.delete(oldest);
    }
  }
}

/** How many secrets redaction currently looks for (tests check the bound). */
export function registeredSecretCount(): number {
  return knownSecrets.size;
}

const credentialPatterns: RegExp[] = [
  // JWTs (id tokens, JWT access tokens)
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // Authorization headers
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  // OAuth parameters in URLs, form bodies and JSON
  /\b(code|access_token|refresh_token|id_token|client_secret|code_verifier|password|token)(["']?\s*[=:]\s*["']?)[^\s&"',}]+/gi,
];

export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets.keys()) {
    if (out.includes(secret)) {
      out = out.split(secret).join(REDACTED);
    }
  }
  // Each pattern needs a mark that a plain includes() finds far faster than the pattern runs (the
  // first run of a pattern compiles it): most lines carry none of them and skip the patterns.
  const lower = out.toLowerCase();
  const marks = [out.includes('eyJ'), lower.includes('bearer') || lower.includes('basic'), out.includes('=') || out.includes(':')];
  for (const [index, pattern] of credentialPatterns.entries()) {
    if (!marks[index]) continue;
    out = out.replace(pattern, (_match, ...groups: unknown[]) => {
      if (pattern === credentialPatterns[2]) {
        return `${String(groups[0])}${String(groups[1])}${REDACTED}`;
      }
      if (pattern === credentialPatterns[1]) {
        return `${String(groups[0])} ${REDACTED}`;
      }
      return REDACTED;
    });
  }
  return out;
}

function describe(arg: unknown): string {
  if (arg instanceof Error) {
    return arg.message;
  }
  if (typeof arg === 'string') {
    return arg;
  }
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}

/** Formats one log line's arguments into a single redacted string. */
export function formatLogLine(message: string | Error, args: unknown[]): string {
  return redact(args.length === 0 ? describe(message) : [describe(message), ...args.map(describe)].join(' '));
}

/** What a LogOutputChannel (or any sink) must offer. */
export interface LogSink {
  /**
   * The least severe level the sink shows, as vscode.LogLevel numbers it (0 off, 1 trace, 2 debug,
   * 3 info, 4 warning, 5 error); a LogOutputChannel follows the user's choice. Unknown: every line.
   */
  readonly logLevel?: number;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const TRACE = 1;
const DEBUG = 2;

/**
 * A Log that redacts every line before handing it to the sink. Trace and debug lines the sink would
 * not show (VS Code's default level is info) are not even formatted: the Panopto client writes a
 * debug line for every request.
 */
export function createLog(sink: LogSink): Log {
  const shows = (level: number) => sink.logLevel === undefined || (sink.logLevel !== 0 && sink.logLevel <= level);
  return {
    trace: (m, ...a) => {
      if (shows(TRACE)) sink.trace(formatLogLine(m, a));
    },
    debug: (m, ...a) => {
      if (shows(DEBUG)) sink.debug(formatLogLine(m, a));
    },
    info: (m, ...a) => sink.info(formatLogLine(m, a)),
    warn: (m, ...a) => sink.warn(formatLogLine(m, a)),
    error: (m, ...a) => sink.error(formatLogLine(m, a)),
  };
}

/** An in-memory sink, for tests and for the secret scan of the reliability suite. */
export class MemoryLogSink implements LogSink {
  readonly lines: string[] = [];
  /** Every line unless a level is given (the bench gives VS Code's default, info). */
  constructor(readonly logLevel?: number) {}
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
}
