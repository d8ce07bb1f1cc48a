// Every command is registered here, behind one error handler: a command throws (typed errors from
// src/auth and src/panopto, or an Error with `{ cause }` that says what it was doing) and
// reportError (src/ui/errors.ts) logs it and shows it with the right button, or stays silent for a
// cancellation. A failed command then resolves to undefined instead of rejecting, so VS Code does
// not add its own "command failed" notification on top.
import * as vscode from 'vscode';
import { reportError } from '../ui/errors';
import type { Log } from '../util/log';

/** A command's handler, with whatever arguments VS Code or the caller passes. */
// `never[]` accepts handlers of any parameter list; the wrapper passes the arguments through as given.
export type CommandHandler = (...args: never[]) => unknown;

export function withErrorHandling(id: string, handler: CommandHandler, log: Log): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...(args as never[]));
    } catch (error) {
      reportError(error, log, { action: id });
      return undefined;
    }
  };
}

/** Registers each command id with its handler; returns the registrations to dispose. */
export function registerCommands(log: Log, commands: Readonly<Record<string, CommandHandler>>): vscode.Disposable[] {
  return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, withErrorHandling(id, handler, log)));
}
