/** The dashboard's link to Risk Warden (api.ts); apart so pure modules tested without a DOM can name it. */
export type TransportState = 'connecting' | 'open' | 'closed';
