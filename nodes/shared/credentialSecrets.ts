import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';

/** The credential's secret fields (its password fields): no error may show their values. */
const SECRET_FIELDS = [...new Set(new WhatsAppPaymentsApi().properties.filter((field) => field.typeOptions?.password === true).map((field) => field.name))];

/** The values of a credential's secret fields, for redacting them from any text an API answer gives (core redactSecrets). */
export const credentialSecrets = (credentials: object | undefined): string[] =>
	SECRET_FIELDS.map((name) => (credentials as ICredentialDataDecryptedObject | undefined)?.[name]).filter((value): value is string => typeof value === 'string' && value !== '');
