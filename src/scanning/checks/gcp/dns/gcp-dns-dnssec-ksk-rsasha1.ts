import { defineRsaSha1Check } from './rsasha1.js';

/** CIS 3.4: RSASHA1 is not used for the key-signing key in Cloud DNS DNSSEC. */
export const check = defineRsaSha1Check({ id: 'gcp-dns-dnssec-ksk-rsasha1', cis: '3.4', keyType: 'keySigning', label: 'key-signing key' });
