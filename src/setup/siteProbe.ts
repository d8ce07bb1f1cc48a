// Does the address answer like a Panopto site? Asked before the address is saved, and by Check Setup.
// It reads the OpenID discovery document under Panopto's issuer path and, when that is absent, the
// key set at Panopto's fixed OAuth path (docs/panopto.md#oauth-endpoints), without following redirects: a
// redirect to a login page means a single sign-on portal stands in front of the address. Each failure
// says what was found instead: nothing reachable, a certificate problem, a sign-in portal, or a web
// site that is not Panopto. Uses Node's fetch (no library load); no VS Code, so it is unit-tested
// against the dev server's notPanopto switch.
import * as l10n from '@vscode/l10n';
import { PANOPTO_ISSUER_PATH } from '../auth/site';

export type SiteProblem = 'unreachable' | 'certificate' | 'ssoPortal' | 'notPanopto';

export type SiteProbeResult =
  | { ok: true; origin: string; issuer: string; via: 'discovery' | 'fixedPaths'; authorizationEndpoint: string; tokenEndpoint: string }
  | { ok: false; origin: string; problem: SiteProblem; message: string };

export interface SiteProbeOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME_MISMATCH/;
const LOGIN_PATH = /login|signin|sign-in|sso|saml|idp|cas\/|adfs|shibboleth|auth/i;

interface Answer {
  status: number;
  location?: string;
  contentType: string;
  body: string;
}

/** Probes `origin` (already normalised, see siteInput.ts). Never throws. */
export async function probeSite(origin: string, options: SiteProbeOptions = {}): Promise<SiteProbeResult> {
  const issuer = `${origin}${PANOPTO_ISSUER_PATH}`;
  const get = (url: string) => fetchAnswer(url, options);
  let discovery: Answer;
  try {
    discovery = await get(`${issuer}/.well-known/openid-configuration`);
  } catch (error) {
    return networkFailure(origin, error);
  }
  const metadata = jsonObject(discovery);
  if (discovery.status === 200 && typeof metadata?.authorization_endpoint === 'string' && typeof metadata.token_endpoint === 'string') {
    return {
      ok: true,
      origin,
      issuer: typeof metadata.issuer === 'string' ? metadata.issuer : issuer,
      via: 'discovery',
      authorizationEndpoint: metadata.authorization_endpoint,
      tokenEndpoint: metadata.token_endpoint,
    };
  }
  let keys: Answer;
  try {
    keys = await get(`${issuer}/.well-known/jwks`);
  } catch (error) {
    return networkFailure(origin, error);
  }
  if (keys.status === 200 && Array.isArray(jsonObject(keys)?.keys)) {
    return {
      ok: true,
      origin,
      issuer,
      via: 'fixedPaths',
      authorizationEndpoint: `${issuer}/connect/authorize`,
      tokenEndpoint: `${issuer}/connect/token`,
    };
  }
  return notPanopto(origin, discovery);
}

async function fetchAnswer(url: string, options: SiteProbeOptions): Promise<Answer> {
  const response = await (options.fetch ?? fetch)(url, {
    redirect: 'manual',
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  // Enough to tell JSON from a web page; a large page is not read to its end.
  const body = (await response.text()).slice(0, 64 * 1024);
  return {
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    contentType: response.headers.get('content-type') ?? '',
    body,
  };
}

function jsonObject(answer: Answer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(answer.body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function notPanopto(origin: string, answer: Answer): SiteProbeResult {
  if (answer.status >= 300 && answer.status < 400 && answer.location) {
    const target = safeUrl(answer.location, origin);
    if (target && (target.origin !== origin || LOGIN_PATH.test(target.pathname))) {
      return {
        ok: false,
        origin,
        problem: 'ssoPortal',
        message: l10n.t(
          "{0} sends Panopto's sign-in service to a login page ({1}): a single sign-on portal is in front of it. Use the address of the Panopto site itself (it usually ends in panopto.com or panopto.eu), which you see in the browser once signed in to Panopto.",
          origin,
          target.origin + target.pathname,
        ),
      };
    }
  }
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(answer.body)?.[1]?.trim();
  const found = title
    ? l10n.t('a web page titled "{0}"', title)
    : l10n.t('HTTP {0} ({1})', answer.status, answer.contentType.split(';')[0] || 'no content type');
  return {
    ok: false,
    origin,
    problem: 'notPanopto',
    message: l10n.t(
      '{0} does not answer like a Panopto site: its OAuth paths under {1} gave {2}. Check the address: it is the one in your browser when you use Panopto, e.g. https://yourschool.hosted.panopto.com.',
      origin,
      PANOPTO_ISSUER_PATH,
      found,
    ),
  };
}

function networkFailure(origin: string, error: unknown): SiteProbeResult {
  const codes = causeCodes(error);
  if (codes.some((code) => CERTIFICATE_CODES.test(code))) {
    return {
      ok: false,
      origin,
      problem: 'certificate',
      message: l10n.t(
        "{0} answered with a certificate this computer does not trust ({1}). Check the address; on a network that inspects HTTPS, VS Code needs the network's root certificate (ask your IT department).",
        origin,
        codes.find((code) => CERTIFICATE_CODES.test(code)) ?? '',
      ),
    };
  }
  const reason =
    codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN') ? l10n.t('no such host name') : (codes[0] ?? l10n.t('no answer'));
  return {
    ok: false,
    origin,
    problem: 'unreachable',
    message: l10n.t('{0} could not be reached ({1}). Check the address and your network connection (a VPN may be needed).', origin, reason),
  };
}

/** Error codes and names along the cause chain (fetch wraps the socket's error as its cause). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current && depth < 6; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    else if (name === 'TimeoutError') codes.push(l10n.t('timed out'));
  }
  return codes;
}

function safeUrl(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}
