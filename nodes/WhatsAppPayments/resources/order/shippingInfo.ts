/**
 * The buyer's shipping addresses of a checkout-button template (India, physical goods): checkout-button-templates.md
 * sends `shipping_info` with the addresses the merchant knows, or none (the buyer then adds one).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { OrderDetailsInput, ShippingAddressInput } from '../../../../core/types';
import { withoutEmpty } from '../../shared/values';
import { textField } from './orderFields';

/**
 * India's physical goods only (checkout-button-templates.md: shipping_info "for physical-goods type, else omit"; the
 * core refuses it on digital goods and in Brazil): the other forms do not show them.
 */
const SHIPPED_IN_INDIA: INodeProperties['displayOptions'] = { show: { '/market': ['india'], '/goodsType': ['physical-goods'] } };

/** For the template operation's Additional Fields. */
export const shippingInfoFields: INodeProperties[] = [
	{
		displayName: 'Send Shipping Info (Checkout Button)',
		name: 'sendShippingInfo',
		type: 'boolean',
		default: false,
		displayOptions: SHIPPED_IN_INDIA,
		description: 'Whether to ask the customer for a delivery address, as checkout-button templates for physical goods need: the addresses below, or none (the customer enters one)',
	},
	{
		displayName: 'Shipping Addresses (Checkout Button)',
		name: 'shippingAddresses',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Address',
		default: {},
		displayOptions: SHIPPED_IN_INDIA,
		description: 'Addresses of the customer you already know, offered at checkout (India, physical goods)',
		options: [
			{
				displayName: 'Address',
				name: 'address',
				values: [
					textField('Name', 'name', 'At most 256 characters'),
					textField('Phone Number', 'phoneNumber', 'At most 12 characters, e.g. 919000090000'),
					textField('Address', 'address', 'At most 512 characters'),
					textField('City', 'city', 'At most 100 characters'),
					textField('State', 'state', 'At most 100 characters'),
					textField('PIN Code', 'inPinCode', 'At most 6 characters, e.g. 400051'),
					textField('Building Name', 'buildingName', 'Optional, at most 128 characters'),
					textField('Floor Number', 'floorNumber', 'Optional, at most 10 characters'),
					textField('House Number', 'houseNumber', 'Optional, at most 8 characters'),
					textField('Landmark / Area', 'landmarkArea', 'Optional, at most 128 characters'),
					textField('Tower Number', 'towerNumber', 'Optional, at most 8 characters'),
				],
			},
		],
	},
];

/** The shipping info to send: the addresses given, or none when only the switch (`send`) is on; nothing when neither is set. */
export function readShippingInfo(fields: IDataObject, send: boolean): OrderDetailsInput['shippingInfo'] {
	const addresses = (((fields.shippingAddresses as IDataObject | undefined)?.address ?? []) as ShippingAddressInput[]).map(withoutEmpty);
	if (!send && addresses.length === 0) return undefined;
	return { addresses };
}
