/**
 * Order messages for the sandbox tests, valid by the core's rules (sums add up, India items carry
 * their import details). Each call returns a fresh object.
 */
export const BUYER = '919876543210';

export function indiaOrder(referenceId: string, configurationName = 'razorpay-sandbox') {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: BUYER,
		type: 'interactive',
		interactive: {
			type: 'order_details',
			body: { text: 'Your bill from the sandbox store' },
			action: {
				name: 'review_and_pay',
				parameters: {
					reference_id: referenceId,
					type: 'digital-goods',
					payment_settings: [
						{
							type: 'payment_gateway',
							payment_gateway: { type: 'razorpay', configuration_name: configurationName, razorpay: { receipt: 'receipt-1', notes: { customer: 'c-42' } } },
						},
					],
					currency: 'INR',
					total_amount: { value: 21000, offset: 100 },
					order: {
						status: 'pending',
						items: [
							{
								retailer_id: 'sku-1',
								name: 'Bread',
								amount: { value: 10000, offset: 100 },
								quantity: 2,
								country_of_origin: 'India',
								importer_name: 'Sandbox Importer',
								importer_address: { address_line1: 'B8/733 Nand Nagri', city: 'East Delhi', zone_code: 'DL', postal_code: '110093', country_code: 'IN' },
							},
						],
						subtotal: { value: 20000, offset: 100 },
						tax: { value: 1000, offset: 100, description: 'GST' },
					},
				},
			},
		},
	};
}

export function brazilOneClickOrder(referenceId: string) {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: '5511987654321',
		type: 'interactive',
		interactive: {
			type: 'order_details',
			body: { text: 'Seu pedido' },
			action: {
				name: 'review_and_pay',
				parameters: {
					reference_id: referenceId,
					type: 'digital-goods',
					payment_type: 'br',
					payment_settings: [{ type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: '5235', credential_id: '1234567' } }],
					currency: 'BRL',
					total_amount: { value: 50000, offset: 100 },
					order: {
						status: 'pending',
						tax: { value: 0, offset: 100 },
						items: [{ retailer_id: '1234567', name: 'Cake', amount: { value: 50000, offset: 100 }, quantity: 1 }],
						subtotal: { value: 50000, offset: 100 },
					},
				},
			},
		},
	};
}

export function orderStatus(referenceId: string, status: string, to = BUYER, payment?: { status: string; timestamp?: number }) {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		type: 'interactive',
		interactive: {
			type: 'order_status',
			body: { text: `Your order is ${status}` },
			action: { name: 'review_order', parameters: { reference_id: referenceId, order: { status, description: 'update' }, ...(payment ? { payment } : {}) } },
		},
	};
}
