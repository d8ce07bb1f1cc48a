// The one way to turn a caught value into text for a log line or a message: an Error's message,
// anything else as a string. No 'vscode' import, so src/auth and src/panopto use it too.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
