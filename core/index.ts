// The pure WhatsApp Payments core: no n8n imports below this folder.
export * from './types';
export { OrderValidationError } from './errors';
export { toMinor, toDecimal, normalizeAmount, MONEY_OFFSET } from './money';
export { buildOrderDetailsMessage, buildOrderDetailsTemplateMessage, validateOrderDetails } from './orderDetails';
export { buildOrderStatusMessage, buildOrderStatusTemplateMessage, validateOrderStatus, canTransition, normalizeOrderStatus, canCancel, ORDER_STATUSES } from './orderStatus';
export { parseWebhook, normalizeConfigurationStatus } from './webhooks';
export { verifySignature, signBody, verifyChallenge, safeEqual } from './signatures';
export {
	normalizePayment,
	normalizePaymentStatus,
	paymentStage,
	cancelVerdict,
	refundSucceeded,
	buildRefundRequest,
	readRefundRequest,
	REFUND_SPEEDS,
	type RefundInput,
	type RefundSpeed,
} from './payments';
export {
	paymentConfigurationsOf,
	normalizePaymentConfiguration,
	paymentConfigurationRequestErrors,
	CONFIGURATION_PROVIDERS,
	type NormalizedPaymentConfiguration,
} from './paymentConfigurations';
export { parseApiError, isDuplicateReferenceError, isNotFoundAnswer, type ApiErrorInfo } from './apiErrors';
export { DedupeWindow, type DedupeWindowOptions } from './dedupe';
export {
	apiBaseUrl,
	messagesPath,
	paymentLookupPath,
	refundPath,
	paymentConfigurationPath,
	DEFAULT_GRAPH_API_VERSION,
	type Provider,
	type ProviderSettings,
} from './providers';
export {
	decryptRequest,
	encryptResponse,
	encryptRequest,
	decryptResponse,
	loadPrivateKey,
	publicKeyPem,
	DecryptionError,
	PrivateKeyError,
	type EncryptedRequest,
	type DecryptedRequest,
} from './endpointCrypto';
export {
	readCheckoutRequest,
	validateCheckoutAnswer,
	repriceCheckoutOrder,
	checkoutAnswer,
	refusalAnswer,
	PING_ANSWER,
	ERROR_NOTIFICATION_ANSWER,
	CHECKOUT_STATUS,
	CHECKOUT_SUB_ACTIONS,
	type CheckoutRequest,
	type CheckoutSubAction,
	type CheckoutSubActionRequest,
	type CheckoutPricing,
} from './checkout';
export { businessEncryptionPath, publicKeyErrors, readBusinessPublicKey, dataEndpointRequest, type BusinessPublicKey } from './checkoutSetup';
