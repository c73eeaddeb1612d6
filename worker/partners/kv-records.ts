/** JSON records under one KV prefix, oldest first: the operator's listings of partners and agent keys. */
export async function listRecords<T extends { createdAt: string }>(
  kv: KVNamespace,
  prefix: string,
): Promise<T[]> {
  const records: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, ...(cursor ? { cursor } : {}) });
    for (const key of page.keys) {
      const record = await kv.get<T>(key.name, "json");
      if (record) records.push(record);
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
