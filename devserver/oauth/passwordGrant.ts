// grant_type=password for the "User Based Server Application" client, as Panopto's ID-provider
// integration uses it (docs/panopto.md#id-provider-sign-in): username is the user key ('NetID\ada'), password is
// base64(sha256(utf8(lower(username) + '|' + lower(applicationKey)))). No refresh token.
import { createHash } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import type { OidcProviderModule } from './loadProvider';
import { devIdentityProvider, findUserByLogin } from '../seedUsers';

export function passwordFor(userKey: string, applicationKey: string = devIdentityProvider.applicationKey): string {
  return createHash('sha256').update(`${userKey.toLowerCase()}|${applicationKey.toLowerCase()}`, 'utf8').digest('base64');
}

const supportedScopes = new Set(['openid', 'api', 'profile', 'email']);

export function registerPasswordGrant(provider: Provider, errors: OidcProviderModule['errors'], findAccount: FindAccount): void {
  const handler = async (ctx: KoaContextWithOIDC): Promise<void> => {
    const params = ctx.oidc.params ?? {};
    const username = typeof params.username === 'string' ? params.username : '';
    const password = typeof params.password === 'string' ? params.password : '';
    const client = ctx.oidc.client;
    if (!client) throw new errors.InvalidClient('client not found');
    const user = findUserByLogin(username);
    // Only user keys with the provider prefix authenticate this way, like Panopto.
    const expected = user && username.toLowerCase() === user.userKey.toLowerCase() ? passwordFor(user.userKey) : undefined;
    if (!expected || password !== expected) {
      throw new errors.InvalidGrant('invalid username or password');
    }

    const requested = typeof params.scope === 'string' && params.scope ? params.scope.split(' ') : ['openid', 'api'];
    const unsupported = requested.filter((s) => !supportedScopes.has(s));
    if (unsupported.length) throw new errors.InvalidScope('unsupported scope requested', unsupported.join(' '));
    const scope = requested.join(' ');

    const grant = new provider.Grant({ accountId: user!.userId, clientId: client.clientId });
    grant.addOIDCScope(scope);
    const grantId = await grant.save();

    const accessToken = new provider.AccessToken({
      accountId: user!.userId,
      client,
      grantId,
      scope,
      gty: 'password',
    });
    const accessTokenValue = await accessToken.save();

    let idToken: string | undefined;
    if (requested.includes('openid')) {
      const account = await findAccount(ctx, user!.userId);
      if (!account) throw new errors.InvalidGrant('account not found');
      const claims = await account.claims('id_token', scope, {}, []);
      // IdToken filters the claims by `scope`, a field its type declarations leave out.
      const token = Object.assign(new provider.IdToken({ ...claims }, { ctx }), { scope });
      token.set('at_hash', accessTokenValue);
      idToken = await token.issue({ use: 'idtoken' });
    }

    ctx.body = {
      access_token: accessTokenValue,
      expires_in: accessToken.expiration,
      token_type: accessToken.tokenType,
      scope,
      ...(idToken ? { id_token: idToken } : {}),
    };
  };
  provider.registerGrantType('password', handler, ['username', 'password', 'scope']);
}
