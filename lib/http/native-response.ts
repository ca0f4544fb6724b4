// How a handler reached through the lab's own server (lib/http/native.ts) finds the Node response
// behind its Request, and how it says that it answered on it itself. Symbol.for keys: the server's
// copy of this module and a route's copy may be two instances, and the keys must still match.
import type { ServerResponse } from "node:http";

const NODE_RESPONSE = Symbol.for("lml.nodeResponse");
const TAKEN_OVER = Symbol.for("lml.takenOver");

type Carrier = { [NODE_RESPONSE]?: ServerResponse; [TAKEN_OVER]?: true };

export function attachNodeResponse(request: Request, res: ServerResponse): void {
  (request as Carrier)[NODE_RESPONSE] = res;
}

/** The Node response to write to, when the request came through the lab's own server. */
export function nodeResponseOf(request: Request): ServerResponse | undefined {
  return (request as Carrier)[NODE_RESPONSE];
}

/** What a handler returns once it has written its answer to the Node response itself. */
export function takenOver(): Response {
  const response = new Response(null, { status: 200 });
  (response as Carrier)[TAKEN_OVER] = true;
  return response;
}

export function isTakenOver(response: Response): boolean {
  return (response as Carrier)[TAKEN_OVER] === true;
}
