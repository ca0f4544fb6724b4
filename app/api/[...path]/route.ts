import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** An unknown API path answers in the error envelope, not with the HTML not-found page. */
function unknownPath(request: Request): Response {
  const { pathname } = new URL(request.url);
  return json(
    {
      error: { code: "not_found", message: `There is no API at ${request.method} ${pathname}.`, status: 404 },
    },
    404,
  );
}

export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
