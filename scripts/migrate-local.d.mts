export const AUDIT_DATABASE: string;
/** Applies the unapplied D1 migrations to the local state in `persistTo`; resolves with wrangler's output. */
export function applyLocalMigrations(options?: { persistTo?: string; timeoutMs?: number }): Promise<string>;
