// Lets suites use either mocha interface: BDD (describe/it) or TDD (suite/test, the VS Code
// convention). Mocha takes one `ui`, so this registers a "both" interface that installs the two.
import Mocha from 'mocha';

const interfaces = Mocha.interfaces as unknown as Record<string, (suite: Mocha.Suite) => void>;
interfaces.both = (suite: Mocha.Suite) => {
  interfaces.bdd(suite);
  interfaces.tdd(suite);
};
