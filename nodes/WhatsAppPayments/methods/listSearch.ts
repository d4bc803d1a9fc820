import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizePaymentConfiguration } from '../../../core/paymentConfigurations';
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
		.map(normalizePaymentConfiguration)
		.filter((c) => c.configurationName !== null && c.configurationName !== '' && (!wanted || c.configurationName.toLowerCase().includes(wanted)))
		.map((c) => ({
			name: `${c.configurationName} (${c.providerName ?? 'unknown provider'}, ${c.status?.replace(/_/g, ' ') ?? 'unknown status'})`,
			value: c.configurationName as string,
		}));
	return { results };
}
