import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { normalizePaymentConfiguration, providerLabel } from '../../../core/paymentConfigurations';
import { fetchPaymentConfigurations } from '../shared/paymentConfiguration';
import { DEFAULT_PACING, WhatsAppApi } from '../transport';
import { hasCredential, NO_CREDENTIAL_YET } from './loadOptions';

/** The one entry of the list on 360dialog: picking it leaves the field empty. */
export const DIALOG360_HAS_NO_LIST = '360dialog Cannot List Them: Choose "By Name" and Type the Configuration Name';

/** The payment configuration dropdown: each configuration with its gateway and status (Active, Needs Connecting ...). */
export async function searchPaymentConfigurations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	if (!hasCredential(this)) return { results: NO_CREDENTIAL_YET.map(({ name, value }) => ({ name, value: String(value) })) };
	const api = await WhatsAppApi.create(this, DEFAULT_PACING, { needsBusinessAccount: true });
	// 360dialog has no API that lists payment configurations (its seed documents none): the list says so.
	if (api.settings.provider !== 'cloudApi') return { results: [{ name: DIALOG360_HAS_NO_LIST, value: '' }] };
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = (await fetchPaymentConfigurations(api))
		.map(normalizePaymentConfiguration)
		.filter((c) => c.configurationName !== null && c.configurationName !== '' && (!wanted || c.configurationName.toLowerCase().includes(wanted)))
		.map((c) => ({
			name: `${c.configurationName} (${providerLabel(c.providerName)}, ${c.status?.replace(/_/g, ' ') ?? 'unknown status'})`,
			value: c.configurationName as string,
		}));
	return { results };
}
