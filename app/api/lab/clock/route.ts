import { json, otherMethods, parseBody, route } from "@/lib/http/respond";
import { clockState, controlClock } from "@/lib/lab/clock-control";
import { ClockInput } from "@/lib/schemas/lab";

export const dynamic = "force-dynamic";

/** The lab clock as the pages show time: mode, rate and the lab's now. */
export const GET = route(async () => json(await clockState()));

/** Control API: pause, run at a speed, advance by an interval or to the next pass, switchover or end. */
export const POST = route(async (request, _params, caller) => {
  const input = await parseBody(request, ClockInput);
  caller.audit.target = JSON.stringify(input);
  return json(await controlClock(input));
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
