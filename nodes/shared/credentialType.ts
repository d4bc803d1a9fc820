/** The name of the credential both nodes use (credentials/WhatsAppPaymentsApi.credentials.ts). */
export const CREDENTIAL_TYPE = 'whatsAppPaymentsApi';
