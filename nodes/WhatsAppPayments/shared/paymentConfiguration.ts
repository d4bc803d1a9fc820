import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizePaymentConfiguration, paymentConfigurationsOf, type NormalizedPaymentConfiguration } from '../../../core/paymentConfigurations';
import { paymentConfigurationPath } from '../../../core/providers';
import { DEFAULT_PACING, WhatsAppApi } from '../transport';
import { outputItem } from './output';
import { readParameter } from './parameters';
import { checkPathSegment } from './values';

/**
 * A payment configuration picked from the WABA's list (Cloud API; each shown with its gateway and status)
 * or typed by name (always possible; 360dialog has no list endpoint, its list says so).
 */
export function paymentConfigurationLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Payment Configuration',
		name: 'paymentConfiguration',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The payment configuration (linked payment gateway or UPI VPA) of your WhatsApp Business Account',
		hint: 'WhatsApp Manager → Payments lists them; with 360dialog choose "By Name" and type it, e.g. razorpay-main',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPaymentConfigurations', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. razorpay-main',
			},
		],
		...overrides,
	};
}

/** The locator of the Payment Configuration operations, which only the Cloud API offers (core/providers.ts). */
export const managedConfigurationLocator = (): INodeProperties =>
	paymentConfigurationLocator({ hint: 'Cloud API only: with 360dialog, manage payment configurations in WhatsApp Manager → Payments, which lists them' });

/** The configuration name chosen in `parameterName` of item `itemIndex`; an empty one is an error naming the field. */
export function readPaymentConfiguration(ctx: IExecuteFunctions, itemIndex: number, parameterName = 'paymentConfiguration'): string {
	const value = readOptionalPaymentConfiguration(ctx, itemIndex, parameterName);
	if (value === undefined) throw new NodeOperationError(ctx.getNode(), `${parameterName}: a payment configuration name is required`, { itemIndex });
	return checkPathSegment(ctx, itemIndex, parameterName, value);
}

/** A payment configuration the form may leave empty (a UPI intent link's), trimmed; undefined when empty. */
export function readOptionalPaymentConfiguration(ctx: IExecuteFunctions, itemIndex: number, parameterName = 'paymentConfiguration'): string | undefined {
	const value = String(readParameter(ctx, parameterName, itemIndex, '', { extractValue: true }) ?? '').trim();
	return value === '' ? undefined : value;
}

/** A configuration as an output item: camelCased (normalizePaymentConfiguration) with the listed object under `raw`; version 1: as listed. */
export const configurationItem = (ctx: IExecuteFunctions, configuration: IDataObject): IDataObject =>
	outputItem(ctx, normalizePaymentConfiguration(configuration) as unknown as IDataObject, configuration, () => configuration);

/** Every payment configuration of the WABA (Cloud API GET /{waba_id}/payment_configurations), out of its nesting. */
export async function fetchPaymentConfigurations(api: WhatsAppApi, itemIndex = 0): Promise<IDataObject[]> {
	const { body } = await api.request({ method: 'GET', path: paymentConfigurationPath(api.settings, 'list'), retry: 'read' }, itemIndex);
	return paymentConfigurationsOf(body) as IDataObject[];
}

/** The account's configurations of this node run, read once (a string saying why when they cannot be read). */
const runConfigurations = new WeakMap<IExecuteFunctions, Promise<NormalizedPaymentConfiguration[] | string>>();

async function readConfigurations(ctx: IExecuteFunctions): Promise<NormalizedPaymentConfiguration[] | string> {
	try {
		const api = await WhatsAppApi.create(ctx, DEFAULT_PACING, { needsBusinessAccount: true });
		if (api.settings.provider !== 'cloudApi') return '360dialog has no API that lists payment configurations';
		return (await fetchPaymentConfigurations(api)).map(normalizePaymentConfiguration);
	} catch (error) {
		return (error as Error).message;
	}
}

/**
 * The WABA's payment configurations, read once per node run (GET /{waba_id}/payment_configurations), or why
 * they could not be read. A failed read is not an error here: the caller decides what it needs.
 */
export function configurationsOfRun(ctx: IExecuteFunctions): Promise<NormalizedPaymentConfiguration[] | string> {
	let read = runConfigurations.get(ctx);
	if (!read) {
		read = readConfigurations(ctx);
		runConfigurations.set(ctx, read);
	}
	return read;
}
