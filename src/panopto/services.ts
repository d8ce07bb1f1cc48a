// The Panopto client of the signed-in account and the services over it, made together: one client
// for everything, so one refresh per token expiry however many calls were in flight.
// src/extension.ts makes them on first use (src/util/deferred.ts).
import { PanoptoClient, type PanoptoClientOptions } from './client';
import { FolderService } from './folders';
import { SessionService } from './sessions';

export interface PanoptoServices {
  client: PanoptoClient;
  folders: FolderService;
  sessions: SessionService;
}

export function createPanoptoServices(options: PanoptoClientOptions): PanoptoServices {
  const client = new PanoptoClient(options);
  return { client, folders: new FolderService(client), sessions: new SessionService(client) };
}
