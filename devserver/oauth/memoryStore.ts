// In-memory storage for oidc-provider's models (sessions, grants, codes, tokens). Hand-written
// (oidc-provider's own MemoryAdapter is not exported for use and cannot be enumerated) because the
// dev server must be able to "revoke every grant now" (POST /__dev/revoke-all), which needs to
// reach every stored record. One store per server, so parallel test servers never share state.
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined; // epoch ms
}

/** Models that belong to signed-in people; revokeAll() removes them all. */
const grantBoundModels = [
  'Session',
  'Interaction',
  'Grant',
  'AuthorizationCode',
  'AccessToken',
  'RefreshToken',
  'ClientCredentials',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
];

export class MemoryStore {
  readonly #entries = new Map<string, Entry>(); // key: `${model}:${id}`

  /** The factory handed to oidc-provider's `adapter` option. */
  readonly adapterFactory = (model: string): Adapter => new MemoryAdapter(model, this.#entries);

  /** Deletes every session, grant, code and token, so every refresh and access token then fails. */
  revokeAll(): void {
    for (const key of [...this.#entries.keys()]) {
      const model = key.slice(0, key.indexOf(':'));
      if (grantBoundModels.includes(model)) this.#entries.delete(key);
    }
  }
}

class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  private live(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    this.entries.set(this.key(id), { payload: { ...payload }, expiresAt });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.live(this.key(id));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy((p) => p.userCode === userCode);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy((p) => p.uid === uid);
  }

  async consume(id: string): Promise<void> {
    const payload = this.live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, entry] of [...this.entries]) {
      if (entry.payload.grantId === grantId) this.entries.delete(key);
    }
  }

  private findBy(match: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    const prefix = `${this.model}:`;
    for (const key of this.entries.keys()) {
      if (!key.startsWith(prefix)) continue;
      const payload = this.live(key);
      if (payload && match(payload)) return payload;
    }
    return undefined;
  }
}
