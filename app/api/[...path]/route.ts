import { unknownApiPath } from "@/lib/integrations/http";

// Every address under /api that no route names answers a JSON 404 (not Next's HTML page), for
// every method: programs read the error, and the message points to the entry point.
export const dynamic = "force-dynamic";

export const GET = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const PATCH = unknownApiPath;
export const DELETE = unknownApiPath;
export const OPTIONS = unknownApiPath;
