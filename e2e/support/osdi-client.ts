// A small generic OSDI 1.2 client, written the way an integrator writes one from the OSDI
// documentation (https://opensupporter.github.io/osdi-docs/) and an API's published notes, knowing
// nothing of the server's code. It starts at the API Entry Point (AEP) and finds everything else
// by following HAL links by their relation names: a rel written with a curie ("osdi:petitions") or
// in full, one link or an array of them. It pages through a collection by page number
// (page=1…total_pages) and by `next` links, and keeps a replica of a collection in step with
// incremental syncs (`filter=modified_date gt '<last sync>'`): records are merged by identifier,
// and those that come back without personal data (deletions) are removed.
//
// Everything it reads is checked as it goes against the paging contract (totals on every page and
// consistent with each other, a full page before every next link, no next link on the last page,
// no record twice). Breaches are collected in `violations` rather than thrown, so that a test sees
// all of them at once; a transport error (not 200, not JSON) is thrown.

export type Link = { href: string; templated?: boolean; name?: string; title?: string };
export type Resource = {
  _links?: Record<string, Link | Link[]>;
  _embedded?: Record<string, Resource | Resource[]>;
  [field: string]: unknown;
};

export type Auth = { token: string; header: "OSDI-API-Token" | "Authorization" };

export class OsdiHttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`GET ${url}: ${status} ${body.slice(0, 300)}`);
    this.name = "OsdiHttpError";
  }
}

/** One page as read, for the caller's own checks. */
export type PageRead = {
  url: string;
  page: number;
  perPage: number;
  totalPages: number;
  totalRecords: number;
  ids: string[];
  next: string | null;
};

export type Traversal = { items: Resource[]; pages: PageRead[] };

export type CollectOptions = {
  perPage?: number;
  /** an OData filter, sent as `filter` */
  filter?: string;
};

/** A replica of one collection, kept by syncs: its records by identifier, and up to when it is in step. */
export type Replica = {
  records: Map<string, Resource>;
  /** the largest modified_date received; null before the first sync */
  syncedTo: string | null;
};

export type SyncResult = {
  /** ids of the records received in full (inserted or updated), in the order received */
  upserted: string[];
  /** ids of the records received as deletions */
  deleted: string[];
  /** the filter the sync sent, null for a full sync */
  filter: string | null;
  pages: PageRead[];
};

export function newReplica(): Replica {
  return { records: new Map(), syncedTo: null };
}

/** A record received without personal data is a deletion: the API's tombstone (docs: "no personal data"). */
export function withoutPersonalData(record: Resource, personRel: string, client: OsdiClient): boolean {
  const [person] = client.embedded(record, personRel);
  const addresses = person?.email_addresses;
  return !Array.isArray(addresses) || addresses.length === 0;
}

export class OsdiClient {
  /** What the server did that the paging contract does not allow. */
  readonly violations: string[] = [];
  /** GET requests made. */
  requests = 0;
  private aep: Resource | null = null;

  constructor(
    readonly aepUrl: string,
    private readonly auth: Auth | null = null,
  ) {}

  // ------------------------------------------------------------------------------------------
  // HTTP

  /** GET a URL (relative ones against the AEP's); the answer, whatever its status. */
  async request(url: string): Promise<Response> {
    this.requests++;
    const headers: Record<string, string> = { Accept: "application/hal+json, application/json" };
    if (this.auth) headers[this.auth.header] = this.auth.header === "Authorization" ? `Bearer ${this.auth.token}` : this.auth.token;
    return fetch(new URL(url, this.aepUrl), { headers, redirect: "follow" });
  }

  /** GET a resource: a 200 with a JSON body, or an OsdiHttpError. */
  async get(url: string): Promise<Resource> {
    const response = await this.request(url);
    const text = await response.text();
    if (response.status !== 200) throw new OsdiHttpError(url, response.status, text);
    const type = response.headers.get("content-type") ?? "";
    if (!/^application\/(hal\+)?json\b/.test(type)) this.violations.push(`${url}: content-type is "${type}", not HAL+JSON`);
    try {
      return JSON.parse(text) as Resource;
    } catch {
      throw new OsdiHttpError(url, response.status, `not JSON: ${text}`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Entry point and links

  async entryPoint(): Promise<Resource> {
    this.aep ??= await this.get(this.aepUrl);
    return this.aep;
  }

  /** The server's namespace: identifiers of its own records are "<namespace>:<id>". */
  async namespace(): Promise<string> {
    const ns = (await this.entryPoint()).namespace;
    if (typeof ns !== "string" || !ns) throw new Error("the AEP names no namespace");
    return ns;
  }

  /** The curies in scope: the resource's own, then the AEP's. */
  private curies(resource: Resource): Map<string, string> {
    const map = new Map<string, string>();
    for (const source of [this.aep, resource]) {
      const curies = source?._links?.curies;
      for (const c of Array.isArray(curies) ? curies : curies ? [curies] : []) if (c.name && c.href) map.set(c.name, c.href);
    }
    return map;
  }

  /** A rel in full: "osdi:petitions" with the curie osdi → "https://…/petitions"; others as they are. */
  private expand(rel: string, curies: Map<string, string>): string {
    const colon = rel.indexOf(":");
    if (colon <= 0) return rel;
    const template = curies.get(rel.slice(0, colon));
    return template ? template.replace("{rel}", rel.slice(colon + 1)) : rel;
  }

  private named<T>(resource: Resource, map: Record<string, T | T[]> | undefined, rel: string): T[] {
    if (!map) return [];
    const curies = this.curies(resource);
    const wanted = this.expand(rel, curies);
    const found: T[] = [];
    for (const [key, value] of Object.entries(map)) {
      if (key === "curies") continue;
      if (key === rel || this.expand(key, curies) === wanted) found.push(...(Array.isArray(value) ? value : [value]));
    }
    return found;
  }

  /** Every link of `rel` on a resource (an array or a single link, by curie or in full). */
  links(resource: Resource, rel: string): Link[] {
    return this.named(resource, resource._links, rel).filter((l) => typeof l?.href === "string");
  }

  /** The first link of `rel`, or undefined. */
  link(resource: Resource, rel: string): Link | undefined {
    return this.links(resource, rel)[0];
  }

  /** Every embedded resource of `rel`. */
  embedded(resource: Resource, rel: string): Resource[] {
    return this.named(resource, resource._embedded, rel);
  }

  /** The link's target, resolved against the AEP. */
  href(link: Link): string {
    return new URL(link.href, this.aepUrl).toString();
  }

  /** Follows the first link of `rel`. */
  async follow(resource: Resource, rel: string): Promise<Resource> {
    const link = this.link(resource, rel);
    if (!link) throw new Error(`no "${rel}" link on ${JSON.stringify(resource._links?.self ?? resource).slice(0, 200)}`);
    return this.get(this.href(link));
  }

  /** The record's own id: its identifier in the server's namespace, without the prefix. */
  async idOf(record: Resource): Promise<string | null> {
    const ns = await this.namespace();
    const ids = Array.isArray(record.identifiers) ? (record.identifiers as unknown[]) : [];
    const own = ids.find((i): i is string => typeof i === "string" && i.startsWith(`${ns}:`));
    return own ? own.slice(ns.length + 1) : null;
  }

  // ------------------------------------------------------------------------------------------
  // Collections

  /** The collection URL with paging and filter parameters set. */
  private pageUrl(collection: string, page: number | null, options: CollectOptions): string {
    const url = new URL(collection, this.aepUrl);
    if (page !== null) url.searchParams.set("page", String(page));
    if (options.perPage !== undefined) url.searchParams.set("per_page", String(options.perPage));
    if (options.filter !== undefined) url.searchParams.set("filter", options.filter);
    return url.toString();
  }

  /**
   * Checks one page against the paging contract and the pages read before it in the same
   * traversal; returns what it read. `expectedPage` is the page asked for (or, following links,
   * the one after the last).
   */
  private async checkPage(url: string, body: Resource, rel: string, expectedPage: number, options: CollectOptions, seen: Set<string>, first: PageRead | null): Promise<{ read: PageRead; items: Resource[] }> {
    const v = (message: string) => this.violations.push(`${url}: ${message}`);
    const whole = (name: string, min: number): number => {
      const value = body[name];
      if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
        v(`${name} is ${JSON.stringify(value)}, not a whole number ≥ ${min}`);
        return Number.NaN;
      }
      return value;
    };
    const totalRecords = whole("total_records", 0);
    const totalPages = whole("total_pages", 0);
    const page = whole("page", 1);
    const perPage = whole("per_page", 1);
    const items = this.embedded(body, rel);
    const next = this.link(body, "next");
    const prev = this.link(body, "prev") ?? this.link(body, "previous");

    if (page !== expectedPage) v(`page is ${page}, but page ${expectedPage} was asked for`);
    if (options.perPage !== undefined && perPage !== options.perPage) v(`per_page is ${perPage}, but ${options.perPage} was asked for`);
    if (totalPages !== Math.ceil(totalRecords / perPage)) v(`total_pages ${totalPages} is not ceil(total_records ${totalRecords} / per_page ${perPage})`);
    if (first && (totalRecords !== first.totalRecords || totalPages !== first.totalPages)) {
      v(`totals changed within one traversal: ${totalRecords} records in ${totalPages} pages, page 1 said ${first.totalRecords} in ${first.totalPages}`);
    }
    if (items.length > perPage) v(`${items.length} records on a page of ${perPage}`);
    if (page < totalPages) {
      if (items.length !== perPage) v(`page ${page} of ${totalPages} holds ${items.length} records, not a full page of ${perPage}`);
      if (!next) v(`page ${page} of ${totalPages} has no next link`);
    } else if (page === totalPages) {
      const rest = totalRecords - (totalPages - 1) * perPage;
      if (items.length !== rest) v(`the last page holds ${items.length} records, not the remaining ${rest}`);
      if (next) v(`the last page (${items.length} of ${perPage} records) has a next link: ${next.href}`);
    } else {
      if (items.length !== 0) v(`page ${page} is past the last page (${totalPages}) but holds ${items.length} records`);
      if (next) v(`page ${page} is past the last page but has a next link`);
    }
    if (page > 1 && !prev) v(`page ${page} has no prev link`);
    if (page === 1 && prev) v("page 1 has a prev link");
    if (!this.link(body, "self")) v("no self link");

    const ids: string[] = [];
    for (const [i, item] of items.entries()) {
      const id = await this.idOf(item);
      if (!id) {
        v(`record ${i} has no identifier in the server's namespace: ${JSON.stringify(item.identifiers)}`);
        continue;
      }
      if (seen.has(id)) v(`record ${id} came twice`);
      seen.add(id);
      ids.push(id);
      if (!this.link(item, "self")) v(`record ${id} has no self link`);
    }
    // A collection lists its members' links under the same rel, in the order embedded.
    const listed = this.links(body, rel).map((l) => l.href);
    const selves = items.map((item) => this.link(item, "self")?.href);
    if (listed.length > 0 && JSON.stringify(listed) !== JSON.stringify(selves)) v(`the "${rel}" links are not the embedded records' self links`);
    return { read: { url, page, perPage, totalPages, totalRecords, ids, next: next ? this.href(next) : null }, items };
  }

  /** Every record of a collection, asking for page=1, 2, … total_pages (and one page past the end, which must be empty). */
  async collectByPageNumber(collection: string, rel: string, options: CollectOptions = {}): Promise<Traversal> {
    const seen = new Set<string>();
    const pages: PageRead[] = [];
    const items: Resource[] = [];
    for (let n = 1; ; n++) {
      const url = this.pageUrl(collection, n, options);
      const checked = await this.checkPage(url, await this.get(url), rel, n, options, seen, pages[0] ?? null);
      pages.push(checked.read);
      items.push(...checked.items);
      const total = pages[0].totalPages;
      if (!Number.isInteger(total) || n >= total || n >= 10_000) break;
    }
    const past = pages[0].totalPages + 1;
    if (Number.isInteger(past) && past > 1) {
      const url = this.pageUrl(collection, past, options);
      await this.checkPage(url, await this.get(url), rel, past, options, new Set(), pages[0]);
    }
    this.checkTraversal(collection, pages, items);
    return { items, pages };
  }

  /** Every record of a collection, from its first page by `next` links until there is none. */
  async collectByNextLinks(collection: string, rel: string, options: CollectOptions = {}): Promise<Traversal> {
    const seen = new Set<string>();
    const pages: PageRead[] = [];
    const items: Resource[] = [];
    let url: string | null = this.pageUrl(collection, null, options);
    for (let n = 1; url && n <= 10_000; n++) {
      const checked = await this.checkPage(url, await this.get(url), rel, n, options, seen, pages[0] ?? null);
      pages.push(checked.read);
      items.push(...checked.items);
      if (checked.read.next && pages.some((p) => p.url === checked.read.next)) {
        this.violations.push(`${url}: the next link leads back to ${checked.read.next}`);
        break;
      }
      // A next link past the last page is a violation already noted: one such page is read, no more.
      if (n > pages[0].totalPages) break;
      url = checked.read.next;
    }
    this.checkTraversal(collection, pages, items);
    return { items, pages };
  }

  private checkTraversal(collection: string, pages: PageRead[], items: Resource[]): void {
    const first = pages[0];
    if (!first) return;
    if (items.length !== first.totalRecords) this.violations.push(`${collection}: ${items.length} records read, total_records said ${first.totalRecords}`);
    const expectedPages = Math.max(first.totalPages, 1);
    if (pages.length !== expectedPages) this.violations.push(`${collection}: ${pages.length} pages read, total_pages said ${first.totalPages}`);
  }

  // ------------------------------------------------------------------------------------------
  // Petitions and syncing

  /** Every petition, from the AEP's osdi:petitions collection (following its next links). */
  async petitions(): Promise<Resource[]> {
    const aep = await this.entryPoint();
    const link = this.link(aep, "osdi:petitions");
    if (!link) throw new Error("the AEP has no osdi:petitions link");
    return (await this.collectByNextLinks(this.href(link), "osdi:petitions")).items;
  }

  /** The petition whose identifiers include `identifier` ("<namespace>:<slug>" or any system's). */
  async petition(identifier: string): Promise<Resource> {
    const found = (await this.petitions()).find((p) => Array.isArray(p.identifiers) && p.identifiers.includes(identifier));
    if (!found) throw new Error(`no petition with the identifier ${identifier}`);
    return found;
  }

  /** The URL of a petition's signatures collection (its osdi:signatures link). */
  signaturesUrl(petition: Resource): string {
    const link = this.link(petition, "osdi:signatures");
    if (!link) throw new Error("the petition has no osdi:signatures link");
    return this.href(link);
  }

  /**
   * Brings a replica of a collection in step: the first time every record (by next links), then
   * only what changed since the largest modified_date received
   * (`filter=modified_date gt '<that time>'`), records merged by identifier and deletions removed.
   */
  async sync(
    replica: Replica,
    collection: string,
    rel: string,
    options: { perPage?: number; isDeletion: (record: Resource) => boolean },
  ): Promise<SyncResult> {
    const filter = replica.syncedTo === null ? null : `modified_date gt '${replica.syncedTo}'`;
    const { items, pages } = await this.collectByNextLinks(collection, rel, { perPage: options.perPage, ...(filter ? { filter } : {}) });
    const result: SyncResult = { upserted: [], deleted: [], filter, pages };
    let syncedTo = replica.syncedTo;
    for (const record of items) {
      const id = await this.idOf(record);
      if (!id) continue;
      const modified = record.modified_date;
      if (typeof modified !== "string" || Number.isNaN(Date.parse(modified))) {
        this.violations.push(`record ${id} has no modified_date a sync can keep (${JSON.stringify(modified)})`);
      } else {
        if (replica.syncedTo !== null && !(Date.parse(modified) > Date.parse(replica.syncedTo))) {
          this.violations.push(`record ${id} (modified ${modified}) is outside the filter ${filter}`);
        }
        if (syncedTo === null || Date.parse(modified) > Date.parse(syncedTo)) syncedTo = modified;
      }
      if (options.isDeletion(record)) {
        if (filter === null) this.violations.push(`record ${id} is a deletion in a full listing`);
        replica.records.delete(id);
        result.deleted.push(id);
      } else {
        replica.records.set(id, record);
        result.upserted.push(id);
      }
    }
    replica.syncedTo = syncedTo;
    return result;
  }
}
