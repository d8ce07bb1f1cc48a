// A stand-in for the 'vscode' module, used ONLY to time the activation of dist/extension.js outside
// VS Code (figure 6). It is not a test double for behaviour: it implements the few classes and
// functions activation code touches, answers everything else with a recording, callable,
// constructible placeholder, and records every call so the bench can say what activation asked for.
// Nothing here talks to the network or the disk. The authoring figure (figures/authoring.ts) also
// loads the real hover provider over it, so Position, Range and Hover are real enough to read back.
import Module from 'node:module';
import { join } from 'node:path';

export interface CallLog {
  calls: string[];
}

export const callLog: CallLog = { calls: [] };

function record(name: string): void {
  callLog.calls.push(name);
}

type Listener<T> = (e: T) => unknown;

export class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  constructor(private readonly onDispose: () => unknown = () => undefined) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** An event nobody fires (namespace members record the subscription themselves). */
function quietEvent() {
  return (_listener: unknown): Disposable => new Disposable();
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(
      url.protocol.replace(/:$/, ''),
      url.host,
      decodeURIComponent(url.pathname),
      url.search.replace(/^\?/, ''),
      url.hash.replace(/^#/, ''),
    );
  }
  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: [base.path.replace(/\/+$/, ''), ...segments].join('/') });
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>): Uri {
    return new Uri(
      change.scheme ?? this.scheme,
      change.authority ?? this.authority,
      change.path ?? this.path,
      change.query ?? this.query,
      change.fragment ?? this.fragment,
    );
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class MarkdownString {
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = new Position(startLine, startCharacter);
    this.end = new Position(endLine, endCharacter);
  }
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}

export class TreeItem {
  [key: string]: unknown;
  constructor(
    public label: unknown,
    public collapsibleState: number = 0,
  ) {}
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class DataTransferItem {
  constructor(readonly value: unknown) {}
  async asString(): Promise<string> {
    return String(this.value);
  }
}

export class DataTransfer {
  private readonly items = new Map<string, DataTransferItem>();
  get(mime: string): DataTransferItem | undefined {
    return this.items.get(mime);
  }
  set(mime: string, item: DataTransferItem): void {
    this.items.set(mime, item);
  }
}

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 } as const;
export const StatusBarAlignment = { Left: 1, Right: 2 } as const;
export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 } as const;
export const UIKind = { Desktop: 1, Web: 2 } as const;
export const ExtensionKind = { UI: 1, Workspace: 2 } as const;
export const ExtensionMode = { Production: 1, Development: 2, Test: 3 } as const;
export const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 } as const;
export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 } as const;
export const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 } as const;
export const version = '1.100.0';

/**
 * Anything not implemented above: callable, constructible, every property another placeholder,
 * awaiting it gives undefined (a dismissed prompt, a command with no result). Calls are recorded.
 */
function placeholder(name: string): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {
    /* placeholder */
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (cache.has(prop)) return cache.get(prop);
      if (prop === 'then') return (resolve: (v: unknown) => void) => resolve(undefined);
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'dispose') return () => undefined;
      if (typeof prop === 'symbol') return undefined;
      const member = placeholder(`${name}.${prop}`);
      cache.set(prop, member);
      return member;
    },
    // What the extension assigns (treeView.message, statusBarItem.text) reads back as assigned.
    set(_t, prop, value) {
      cache.set(prop, value);
      return true;
    },
    apply() {
      record(name);
      return placeholder(`${name}()`);
    },
    construct() {
      record(`new ${name}`);
      return placeholder(`${name}{}`) as object;
    },
  });
}

/** A namespace whose named members are real and whose other members are placeholders. */
function namespace<T extends object>(name: string, members: T): T {
  return new Proxy(members, {
    get(target, prop, receiver) {
      if (Reflect.has(target, prop)) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value === 'function' && typeof prop === 'string' && !/^[A-Z]/.test(prop)) {
          return (...args: unknown[]) => {
            record(`${name}.${prop}`);
            return (value as (...a: unknown[]) => unknown)(...args);
          };
        }
        return value;
      }
      if (typeof prop === 'symbol') return undefined;
      const value = placeholder(`${name}.${prop}`);
      Reflect.set(target, prop, value);
      return value;
    },
  });
}

/** Settings the activation reads: panopto.* from the bench (e.g. the dev server's address), else the default. */
export const settings = new Map<string, unknown>();

function configuration(section?: string) {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  return {
    get<T>(key: string, defaultValue?: T): T | undefined {
      return settings.has(full(key)) ? (settings.get(full(key)) as T) : defaultValue;
    },
    has: (key: string) => settings.has(full(key)),
    inspect: (key: string) => ({ key: full(key), globalValue: settings.get(full(key)) }),
    update: async (key: string, value: unknown) => {
      settings.set(full(key), value);
    },
  };
}

function outputChannel(name: string) {
  const noop = () => undefined;
  return {
    name,
    logLevel: LogLevel.Info,
    onDidChangeLogLevel: quietEvent(),
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    append: noop,
    appendLine: noop,
    replace: noop,
    clear: noop,
    show: noop,
    hide: noop,
    dispose: noop,
  };
}

export const l10n = namespace('l10n', {
  bundle: undefined as Record<string, string> | undefined,
  uri: undefined as Uri | undefined,
  t(message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string {
    const text = typeof message === 'string' ? message : message.message;
    const values = typeof message === 'string' ? args : (message.args ?? []);
    return text.replace(/\{(\d+)\}/g, (whole, i: string) => (values[Number(i)] === undefined ? whole : String(values[Number(i)])));
  },
});

export const workspace = namespace('workspace', {
  isTrusted: true,
  workspaceFolders: undefined,
  getConfiguration: configuration,
  onDidChangeConfiguration: quietEvent(),
  onDidGrantWorkspaceTrust: quietEvent(),
});

export const window = namespace('window', {
  createOutputChannel: outputChannel,
  registerUriHandler: () => new Disposable(),
  registerTreeDataProvider: () => new Disposable(),
  withProgress: async <R>(_options: unknown, task: (progress: { report(v: unknown): void }, token: unknown) => Promise<R>) =>
    task({ report: () => undefined }, new CancellationTokenSource().token),
  showInformationMessage: async () => undefined,
  showWarningMessage: async () => undefined,
  showErrorMessage: async () => undefined,
  setStatusBarMessage: () => new Disposable(),
});

export const commands = namespace('commands', {
  registerCommand: () => new Disposable(),
  executeCommand: async () => undefined,
});

export const authentication = namespace('authentication', {
  registerAuthenticationProvider: () => new Disposable(),
  getSession: async () => undefined,
  onDidChangeSessions: quietEvent(),
});

export const env = namespace('env', {
  appName: 'Visual Studio Code',
  appHost: 'desktop',
  uriScheme: 'vscode',
  language: 'en',
  machineId: 'bench-machine',
  sessionId: 'bench-session',
  remoteName: undefined as string | undefined,
  uiKind: UIKind.Desktop,
  asExternalUri: async (uri: Uri) => uri,
  openExternal: async () => false,
});

export const extensions = namespace('extensions', {
  getExtension: () => undefined,
  all: [] as unknown[],
  onDidChange: quietEvent(),
});

/**
 * The names the 'vscode' module exports at run time (classes, enums, namespaces, functions,
 * constants), read from the API's declaration file (node_modules/@types/vscode/index.d.ts).
 */
export function vscodeApiNames(declarations: string): string[] {
  const names = new Set<string>();
  for (const match of declarations.matchAll(/^\texport (?:class|enum|namespace|const|let|var|function) ([A-Za-z_$][\w$]*)/gm)) {
    names.add(match[1]);
  }
  return [...names];
}

/**
 * The module object handed to require('vscode'): the members above, and a placeholder for every other
 * name of the API (`apiNames`, see vscodeApiNames), so that it has the real module's keys. esbuild's
 * CommonJS interop copies the module's own keys once, so a name missing here would be undefined in
 * the bundle, even one that is only read at load (an enum member, a static of a class).
 */
export function vscodeModule(apiNames: readonly string[]): Record<string, unknown> {
  const members: Record<string, unknown> = {
    Disposable,
    EventEmitter,
    Uri,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    Position,
    Range,
    Hover,
    TreeItem,
    CancellationTokenSource,
    DataTransfer,
    DataTransferItem,
    TreeItemCollapsibleState,
    ProgressLocation,
    StatusBarAlignment,
    ConfigurationTarget,
    UIKind,
    ExtensionKind,
    ExtensionMode,
    LogLevel,
    ViewColumn,
    FileType,
    version,
    l10n,
    workspace,
    window,
    commands,
    authentication,
    env,
    extensions,
  };
  for (const name of apiNames) {
    if (!(name in members)) members[name] = placeholder(name);
  }
  return new Proxy(members, {
    get(target, prop) {
      if (prop in target || typeof prop === 'symbol') return target[prop as string];
      if (prop === '__esModule') return undefined;
      target[prop] = placeholder(prop);
      return target[prop];
    },
  });
}

/**
 * Makes require('vscode') in this process answer the stand-in (with `apiNames`, see vscodeModule).
 * Code that imports 'vscode' must be loaded after this.
 */
export function installVscodeStandIn(apiNames: readonly string[]): void {
  const fakePath = join(__dirname, 'vscode-stand-in.js');
  if (require.cache[fakePath]) return;
  const standIn = new Module(fakePath);
  standIn.filename = fakePath;
  standIn.loaded = true;
  standIn.exports = vscodeModule(apiNames);
  require.cache[fakePath] = standIn;
  type Resolve = (request: string, ...rest: unknown[]) => string;
  const internals = Module as unknown as { _resolveFilename: Resolve };
  const original = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakePath : original.call(this, request, ...rest);
  };
}
