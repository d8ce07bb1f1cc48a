import * as assert from 'node:assert/strict';
import { applicationKeyPassword, isProviderQualifiedUserKey } from '../../../src/auth/applicationKeyPassword';

describe('application key password (docs/panopto.md#id-provider-sign-in)', () => {
  it('reproduces the worked example', () => {
    assert.equal(
      applicationKeyPassword('NetID\\John', '6F9619FF-8B86-D011-B42D-00C04FC964FF'),
      'Zi51dQMbzTMG2HWBsLJ0GOCC45VBh7sCpkrA1pIWULk=',
    );
  });

  it('lower-cases both inputs and nothing else', () => {
    const a = applicationKeyPassword('netid\\john', '6f9619ff-8b86-d011-b42d-00c04fc964ff');
    assert.equal(a, 'Zi51dQMbzTMG2HWBsLJ0GOCC45VBh7sCpkrA1pIWULk=');
    assert.notEqual(applicationKeyPassword(' NetID\\John', '6F9619FF-8B86-D011-B42D-00C04FC964FF'), a);
  });

  it('recognises provider-qualified user keys', () => {
    assert.equal(isProviderQualifiedUserKey('NetID\\John'), true);
    assert.equal(isProviderQualifiedUserKey('John'), false);
    assert.equal(isProviderQualifiedUserKey('a\\b\\c'), false);
  });
});
