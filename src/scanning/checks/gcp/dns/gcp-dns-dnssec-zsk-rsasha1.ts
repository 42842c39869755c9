import { defineRsaSha1Check } from './rsasha1.js';

/** CIS 3.5: RSASHA1 is not used for the zone-signing key in Cloud DNS DNSSEC. */
export const check = defineRsaSha1Check({ id: 'gcp-dns-dnssec-zsk-rsasha1', cis: '3.5', keyType: 'zoneSigning', label: 'zone-signing key' });
