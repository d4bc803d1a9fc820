import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildOrderDetailsTemplateMessage } from '../../../../core/orderDetails';
import { additionalFieldsCollection } from '../../shared/fields';
import { booleanOf, checkDependentFields, checkEitherField, text } from '../../shared/values';
import { isVersion1 } from '../../shared/versions';
import { prepareOrderDetails, type PreparedOrderDetails } from './orderDetailsDelivery';
import { orderAdditionalFields, orderOptions, orderProperties } from './orderFields';
import { usesAllInputItems } from './orderItems';
import { readShippingInfo, shippingInfoFields } from './shippingInfo';
import { readTemplate, templateProperties } from './templateFields';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	...templateProperties('Your approved templates with a "Review and Pay" (order_details) button, for customers outside the 24-hour window', 'getOrderDetailsTemplates'),
	...orderProperties,
	additionalFieldsCollection([
		...orderAdditionalFields,
		{ displayName: 'Header Image URL', name: 'headerImageUrl', type: 'string', default: '', description: 'For templates with an image header' },
		{ displayName: 'Header Document URL', name: 'headerDocumentUrl', type: 'string', default: '', description: 'For templates with a document header: a PDF of the bill' },
		{ displayName: 'Header Document Filename', name: 'headerDocumentFilename', type: 'string', default: '', placeholder: 'e.g. invoice-1001.pdf' },
		...shippingInfoFields,
	]),
	...orderOptions,
];

export const description = forOperation({ show: { resource: ['order'], operation: ['sendOrderDetailsTemplate'] } }, properties);

export const runsOnceForAllItems = usesAllInputItems;
export { sameForAllItems } from './orderItems';
export { executeOrderDetails as execute } from './orderDetailsDelivery';

/** Builds and validates the template message with the core: a bad order throws before any request. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedOrderDetails> {
	return await prepareOrderDetails(this, itemIndex, (order, fields) => {
		// Version 1 nodes keep working unchanged: they send the image, and no document without its URL.
		if (!isVersion1(this)) {
			checkEitherField(this, itemIndex, fields, 'headerDocumentUrl', 'headerImageUrl', '"Header Image URL"', 'a template has one header');
			checkDependentFields(this, itemIndex, fields, [{ field: 'headerDocumentFilename', needs: ['headerDocumentUrl'], label: '"Header Document URL"' }]);
		}
		const headerImageUrl = text(fields.headerImageUrl);
		const documentUrl = text(fields.headerDocumentUrl);
		const filename = text(fields.headerDocumentFilename);
		const shippingInfo = readShippingInfo(fields, booleanOf(this, itemIndex, 'additionalFields.sendShippingInfo', fields.sendShippingInfo, false));
		return buildOrderDetailsTemplateMessage({
			...order,
			...readTemplate(this, itemIndex),
			...(headerImageUrl ? { headerImageUrl } : {}),
			...(documentUrl ? { headerDocument: { link: documentUrl, ...(filename ? { filename } : {}) } } : {}),
			...(shippingInfo ? { shippingInfo } : {}),
		});
	});
}
