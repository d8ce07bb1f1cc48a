// The sign-in "interaction": oidc-provider sends the browser to
// `${issuerPath}/interaction/<uid>`; this module shows the login page, signs the chosen seed user
// in and grants consent at once (Panopto has no consent screen for its own API clients), or ends
// the flow with error=access_denied when the person presses Deny.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { findUserByLogin, seedUsers, type SeedUser } from '../seedUsers';
import type { Switches } from '../switches';
import { renderLoginPage } from '../views/loginPage';
import { readBody, sendHtml } from './http';

export const interactionSegment = '/interaction/';

function requestedScopes(params: Record<string, unknown>): string[] {
  return typeof params.scope === 'string' ? params.scope.split(' ').filter(Boolean) : [];
}

async function grantConsent(provider: Provider, accountId: string, clientId: string, scopes: string[]): Promise<string> {
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(scopes.join(' '));
  return grant.save();
}

export function createInteractionHandler(provider: Provider, issuerPath: string, switches: Pick<Switches, 'denySignIn'>) {
  const base = `${issuerPath}${interactionSegment}`;

  async function deny(req: IncomingMessage, res: ServerResponse) {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user denied the sign-in.' },
      { mergeWithLastSubmission: false },
    );
  }

  async function finishAs(req: IncomingMessage, res: ServerResponse, user: SeedUser, clientId: string, scopes: string[]) {
    const grantId = await grantConsent(provider, user.userId, clientId, scopes);
    const result: InteractionResults = { login: { accountId: user.userId }, consent: { grantId } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  /** Handles GET/POST under `${issuerPath}/interaction/`; false when the path is not an interaction. */
  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(base)) return false;
    const [uid, action] = url.pathname.slice(base.length).split('/');
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(
        res,
        400,
        '<!doctype html><title>Sign-in expired</title><p>This sign-in has expired or was already used. Start again from the application.</p>',
      );
      return true;
    }
    if (details.uid !== uid) {
      sendHtml(
        res,
        400,
        '<!doctype html><title>Sign-in mismatch</title><p>This page belongs to another sign-in. Start again from the application.</p>',
      );
      return true;
    }
    const clientId = String(details.params.client_id);
    const client = await provider.Client.find(clientId);
    const scopes = requestedScopes(details.params);
    const pageModel = {
      action: `${base}${uid}/login`,
      clientName: client?.clientName ?? clientId,
      scopes,
      users: seedUsers,
    };

    // Already signed in (an existing session) and only consent is asked: grant it silently.
    if (details.prompt.name === 'consent' && details.session?.accountId) {
      const user = seedUsers.find((u) => u.userId === details.session?.accountId);
      if (user) {
        await finishAs(req, res, user, clientId, scopes);
        return true;
      }
    }

    if (req.method === 'GET' && action === undefined) {
      if (switches.denySignIn) {
        // The switch presses Deny for the person (a test that cannot click).
        await deny(req, res);
        return true;
      }
      sendHtml(res, 200, renderLoginPage(pageModel));
      return true;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      if (form.get('action') === 'deny') {
        await deny(req, res);
        return true;
      }
      const typed = form.get('user') ?? form.get('username') ?? '';
      const user = findUserByLogin(typed);
      if (!user) {
        const error = typed.trim() ? `No user named "${typed.trim()}" on this dev server.` : 'Pick a user or type a user name.';
        sendHtml(res, 200, renderLoginPage({ ...pageModel, error }));
        return true;
      }
      await finishAs(req, res, user, clientId, scopes);
      return true;
    }
    sendHtml(res, 405, '<!doctype html><title>Not allowed</title><p>Method not allowed.</p>');
    return true;
  };
}
