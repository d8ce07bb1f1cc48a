// Recordings (Panopto sessions) over REST v1 (docs/panopto.md#reading-folders-and-sessions,
// #changing-folders-and-sessions, #search, #embeds): listing, search, details with every URL,
// rename / describe / move, delete, and the embed code. Ids are checked as GUIDs before they go into
// a path; URLs in answers are kept only when they are on the signed-in site (wire.ts, onSite).
import * as l10n from '@vscode/l10n';
import type { SessionDetails } from '../api';
import { API_V1, type PanoptoClient } from './client';
import { descriptionText, requiredName } from './folders';
import { explainFailure, PanoptoInputError } from './serviceErrors';
import {
  deletedAnswerSchema,
  panoptoId,
  toSessionDetails,
  toSessionInfo,
  wireSessionDetailsSchema,
  wireSessionSchema,
  withSiteUrls,
  type SessionInfo,
} from './wire';

export type { SessionDetails } from '../api';

/** What a link to a recording leads to (recordingState). */
export type RecordingState = 'found' | 'gone' | 'forbidden';

export interface SessionSearchOptions {
  /** Only this folder's recordings (its direct ones). */
  folderId?: string;
  signal?: AbortSignal;
}

export interface SessionChanges {
  name?: string;
  description?: string;
  /** The folder to move it to. */
  folderId?: string;
}

/** What embedCode needs: the id, the title, and a URL on the site (viewer or embed). */
export type EmbeddableSession = Pick<SessionDetails, 'id' | 'name' | 'viewerUrl' | 'embedUrl'>;

export class SessionService {
  constructor(private readonly client: PanoptoClient) {}

  /** Every recording of a folder (all pages), by name. */
  async listSessions(folderId: string, signal?: AbortSignal): Promise<SessionInfo[]> {
    const path = `${API_V1}/folders/${panoptoId(folderId, 'folder')}/sessions`;
    const all = await this.client.getAllPages(path, wireSessionSchema(), { sortField: 'Name', sortOrder: 'Asc' }, signal);
    const site = await this.client.site();
    return all.map((s) => withSiteUrls(toSessionInfo(s), site));
  }

  /**
   * Recordings whose title, description or captions match, best first (Panopto's Relevance). Over
   * every folder the answers carry thumbnails and the matching caption lines (`matches`); within
   * one folder Panopto sends neither.
   */
  async searchSessions(query: string, options: SessionSearchOptions = {}): Promise<SessionInfo[]> {
    const searchQuery = typeof query === 'string' ? query.trim() : '';
    if (!searchQuery) {
      throw new PanoptoInputError(l10n.t('Type part of a recording title to search for.'));
    }
    const inFolder = options.folderId === undefined ? undefined : panoptoId(options.folderId, 'folder');
    const all =
      inFolder === undefined
        ? await this.client.getAllPages(
            `${API_V1}/sessions/search`,
            wireSessionSchema(),
            { searchQuery, includeFields: 'Context', sortField: 'Relevance' },
            options.signal,
          )
        : await this.client.getAllPages(
            `${API_V1}/folders/${inFolder}/sessions/search`,
            wireSessionSchema(),
            { searchQuery, sortField: 'Relevance' },
            options.signal,
          );
    const site = await this.client.site();
    return all.map((s) => withSiteUrls(toSessionInfo(s), site));
  }

  /** One recording with every URL Panopto gives this user (the others are absent). */
  async getSessionDetails(sessionId: string, signal?: AbortSignal): Promise<SessionDetails> {
    const id = panoptoId(sessionId, 'session');
    const site = await this.client.site();
    try {
      const wire = await this.client.requestJson({
        path: `${API_V1}/sessions/${id}`,
        endpoint: `GET ${API_V1}/sessions/{id}`,
        schema: wireSessionDetailsSchema(),
        signal,
      });
      return withSiteUrls(toSessionDetails(wire), site);
    } catch (error) {
      throw await explainFailure(error, { what: 'session', id, site });
    }
  }

  /**
   * Whether a recording is there for this user, without reading it: 'gone' for Panopto's 404,
   * 'forbidden' for its 403 (REST v1's "no permission"). Those two are answers here, not errors, so
   * checking a thousand links, most of them gone, builds no error per link.
   */
  async recordingState(sessionId: string, signal?: AbortSignal): Promise<RecordingState> {
    const id = panoptoId(sessionId, 'session');
    const status = await this.client.requestStatus(
      { path: `${API_V1}/sessions/${id}`, endpoint: `GET ${API_V1}/sessions/{id}`, signal },
      [403, 404],
    );
    return status === 404 ? 'gone' : status === 403 ? 'forbidden' : 'found';
  }

  /** Renames, describes or moves a recording; only the given fields change. */
  async updateSession(sessionId: string, changes: SessionChanges, signal?: AbortSignal): Promise<SessionDetails> {
    const id = panoptoId(sessionId, 'session');
    const body: Record<string, string> = {};
    if (changes.name !== undefined) body.Name = requiredName(changes.name);
    if (changes.description !== undefined) body.Description = descriptionText(changes.description);
    if (changes.folderId !== undefined) body.Folder = panoptoId(changes.folderId, 'folder');
    if (Object.keys(body).length === 0) {
      throw new PanoptoInputError(l10n.t('Nothing to change: give a name, a description or a folder.'));
    }
    const site = await this.client.site();
    try {
      const wire = await this.client.requestJson({
        method: 'PUT',
        path: `${API_V1}/sessions/${id}`,
        endpoint: `PUT ${API_V1}/sessions/{id}`,
        body,
        schema: wireSessionDetailsSchema(),
        signal,
      });
      return withSiteUrls(toSessionDetails(wire), site);
    } catch (error) {
      throw await explainFailure(error, { what: 'session', id, site, refusal: { action: 'change', targetName: () => this.nameOf(id) } });
    }
  }

  /** Deletes a recording (Panopto applies its retention policy). */
  async deleteSession(sessionId: string, signal?: AbortSignal): Promise<void> {
    const id = panoptoId(sessionId, 'session');
    const site = await this.client.site();
    try {
      await this.client.requestJson({
        method: 'DELETE',
        path: `${API_V1}/sessions/${id}`,
        endpoint: `DELETE ${API_V1}/sessions/{id}`,
        schema: deletedAnswerSchema(),
        signal,
      });
    } catch (error) {
      throw await explainFailure(error, { what: 'session', id, site, refusal: { action: 'change', targetName: () => this.nameOf(id) } });
    }
  }

  /**
   * The embed player as Panopto's share dialog writes it (docs/panopto.md#embeds), with a title
   * attribute naming the recording for screen readers. The site comes from the recording's own
   * URLs, which the service kept only when they were on the signed-in site.
   */
  embedCode(session: EmbeddableSession): string {
    const id = panoptoId(session.id, 'session');
    const onSite = session.embedUrl ?? session.viewerUrl;
    const at = onSite?.indexOf('/Panopto/') ?? -1;
    if (!onSite || at < 0) {
      throw new PanoptoInputError(l10n.t('Panopto sent no link for this recording, so it cannot be embedded.'));
    }
    const src =
      `${onSite.slice(0, at)}/Panopto/Pages/Embed.aspx?id=${id}` +
      '&autoplay=false&offerviewer=true&showtitle=true&showbrand=true&captions=false&interactivity=all';
    return (
      `<iframe src="${src.replace(/"/g, '%22')}" height="405" width="720" style="border: 1px solid #464646;" ` +
      `allowfullscreen allow="autoplay" aria-label="Panopto Embedded Video Player" title="${escapeHtml(session.name)}"></iframe>`
    );
  }

  /** A recording's name for a message; fails into the caller's fallback. */
  private async nameOf(id: string): Promise<string> {
    return (await this.getSessionDetails(id)).name;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
