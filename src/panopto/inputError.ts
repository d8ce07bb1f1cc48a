// The error for a bad argument, refused before any request: an id that is not a GUID, an empty
// name, a URL not on the signed-in site, or a wrong type from another extension through the API.
// A TypeError, as the exported API's contract says.

/** A bad argument: an id that is not a GUID, an empty name, a URL not on the signed-in site. */
export class PanoptoInputError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'PanoptoInputError';
  }
}
