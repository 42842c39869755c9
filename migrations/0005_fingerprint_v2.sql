-- Fingerprints v2 (src/scanning/engine.ts): 8 hex digits of SHA-256(check id), then 32 of
-- SHA-256(resource id), 40 in all. v1 was 32 hex digits of SHA-256(check id || NUL || resource id).
-- No v1 value has 40 digits, so no row can meet another's new value while the update runs.
UPDATE "findings" SET "fingerprint" =
  left(encode(sha256(convert_to("check_id", 'UTF8')), 'hex'), 8) || left(encode(sha256(convert_to("resource_id", 'UTF8')), 'hex'), 32)
WHERE length("fingerprint") <> 40;
