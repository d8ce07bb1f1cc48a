// Sign-in through VS Code's UriHandler: panopto.redirectUri is the extension's own
// code-oss://panopto-community.vscode-panopto/did-authenticate, which the extension passes through
// env.asExternalUri; in code-server that gives http://HOST/stable-<commit>/callback?vscode-reqid=N…,
// and the dev server redirects the browser there, in the same browser profile as the workbench,
// which hands the URI to the extension's UriHandler.
//
// The authorize URL is opened verbatim (a string to openExternal), so the nested query of the
// callback survives as one redirect_uri value.
import { signInScenario } from './signIn.scenario';

signInScenario({
  title: 'sign in from the Accounts menu (UriHandler through asExternalUri)',
  options: { label: 'e2e-urihandler', redirect: 'uriHandler' },
  user: { userName: 'grace', label: /grace|Grace Hopper/ },
});
