import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildOrderStatusTemplateMessage } from '../../../../core/orderStatus';
import { additionalFieldsCollection } from '../../shared/fields';
import { prepareOrderStatus, statusAdditionalFields, statusOptions, statusProperties, type PreparedStatus } from './orderStatusFields';
import { readTemplate, templateProperties } from './templateFields';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	...templateProperties('Your approved order status templates (category Utility, sub-category ORDER_STATUS), for customers outside the 24-hour window', 'getOrderStatusTemplates', 'order_update|en_US'),
	...statusProperties('template'),
	additionalFieldsCollection(statusAdditionalFields('template')),
	...statusOptions,
];

export const description = forOperation({ show: { resource: ['order'], operation: ['sendOrderStatusTemplate'] } }, properties);

export { executeOrderStatus as execute } from './orderStatusFields';

/** Builds and validates the order_status template message with the core before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedStatus {
	return prepareOrderStatus(this, itemIndex, 'template', (input, _fields, options) => buildOrderStatusTemplateMessage({ ...input, ...readTemplate(this, itemIndex) }, options));
}
