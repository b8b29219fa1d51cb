// Stand-in for the `server-only` package in unit tests (see vitest.config.ts):
// the real package throws when imported outside a React Server Components bundle.
export {};
