// Sign-in through the loopback redirect (http://localhost:9127/redirect, the value Panopto's own
// samples register): the dev server sends the browser there, and the extension listens in its
// extension host, which code-server runs on this same machine.
import { signInScenario } from './signIn.scenario';

signInScenario({
  title: 'sign in from the Accounts menu (loopback redirect)',
  options: { label: 'e2e-loopback', redirect: 'loopback' },
  user: { userName: 'ada', label: /ada|Ada Lovelace/ },
});
