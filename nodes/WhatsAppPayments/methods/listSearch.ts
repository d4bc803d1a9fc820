import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchPaymentConfigurations } from '../shared/paymentConfiguration';
import { DEFAULT_PACING, WhatsAppApi } from '../transport';

/** The payment configuration dropdown: each configuration with its provider and status (Active, Needs Connecting ...). */
export async function searchPaymentConfigurations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await WhatsAppApi.create(this, DEFAULT_PACING, { needsBusinessAccount: true });
	if (api.settings.provider !== 'cloudApi') {
		throw new NodeOperationError(this.getNode(), '360dialog has no list of payment configurations: choose "By Name" and type the configuration name');
	}
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = (await fetchPaymentConfigurations(api))
		.map((c) => ({ name: String(c.configuration_name ?? ''), provider: String(c.provider_name ?? 'unknown provider'), status: String(c.status ?? 'unknown status') }))
		.filter((c) => c.name !== '' && (!wanted || c.name.toLowerCase().includes(wanted)))
		.map((c) => ({ name: `${c.name} (${c.provider}, ${c.status})`, value: c.name }));
	return { results };
}
