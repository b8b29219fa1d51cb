// Who is acting on supporters' data. Every admin, export and integration function in lib/ takes
// an Actor and checks what it may see itself, so a route that forgets a check still leaks nothing.

export type AdminRole = "owner" | "partner";

export type Actor =
  /** a signed-in admin (see lib/admin/session.ts) */
  | { type: "admin"; adminId: string; email: string; role: AdminRole; partnerId: string | null; partnerSlug: string | null }
  /** an operator on the server's command line: owner rights */
  | { type: "cli"; name: string }
  /** a partner's supporter database, through an integration token */
  | { type: "integration"; tokenId: string; partnerId: string | null; partnerSlug: string | null };

/** A signed-in admin. */
export type AdminActor = Extract<Actor, { type: "admin" }>;

/** Owners (and the command line) see everything; partners only their own supporters. */
export function isOwnerLevel(actor: Actor): boolean {
  if (actor.type === "cli") return true;
  if (actor.type === "admin") return actor.role === "owner";
  return actor.partnerId === null;
}

/** The partner an actor is confined to, or null when it may see every supporter. */
export function partnerScope(actor: Actor): { partnerId: string; partnerSlug: string } | null {
  if (isOwnerLevel(actor) || actor.type === "cli") return null;
  if (!actor.partnerId || !actor.partnerSlug) throw new ForbiddenError("partner actor without a partner");
  return { partnerId: actor.partnerId, partnerSlug: actor.partnerSlug };
}

export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "admin":
      return actor.email;
    case "cli":
      return `cli:${actor.name}`;
    case "integration":
      return `integration:${actor.tokenId}`;
  }
}

export function actorId(actor: Actor): string | null {
  return actor.type === "admin" ? actor.adminId : actor.type === "integration" ? actor.tokenId : null;
}

/** Thrown by lib/ when an actor asks for something its role does not allow. */
export class ForbiddenError extends Error {
  constructor(message = "not allowed") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export function requireOwner(actor: Actor): void {
  if (!isOwnerLevel(actor)) throw new ForbiddenError("owners only");
}
