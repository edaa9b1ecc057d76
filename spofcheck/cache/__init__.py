"""spofcheck's on-disk caches: one folder, entries authenticated with a per-user key.

Every cache (the compiled grammar, parsed files, stack models, analyses, rules, SLA
figures) stores its entries through `store.get`/`store.put`, which frame each entry
with an HMAC under a secret kept outside the cache folder (see docs/cache.md).
"""
