// The seam between sign-in and the Panopto client: the client never sees a session store,
// only a way to get the current account's access token and the site that token belongs to.
// A token is bound to its site, so the client always talks to `serverUrl` from here, never to
// whatever the settings say now (a changed `panopto.serverUrl` must not receive another site's token).

export interface PanoptoAccess {
  /** The site the token was issued for, e.g. `https://deakin.au.panopto.com` (no trailing slash). */
  readonly serverUrl: string;
  readonly accessToken: string;
}

export interface AccessSource {
  /**
   * The active account's access. `forceRefresh` is set after the server answered 401/403 with the
   * token we had: the source must then return a newer token, or throw `NotSignedInError`.
   */
  getAccess(options?: { forceRefresh?: boolean }): Promise<PanoptoAccess>;
}

export class NotSignedInError extends Error {
  constructor(message = 'Not signed in to Panopto.') {
    super(message);
    this.name = 'NotSignedInError';
  }
}
