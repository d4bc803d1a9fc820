// The pure WhatsApp Payments core: no n8n imports below this folder.
export * from './types';
export { OrderValidationError } from './errors';
export { toMinor, toDecimal, normalizeAmount } from './money';
export { buildOrderDetailsMessage, buildOrderDetailsTemplateMessage, validateOrderDetails } from './orderDetails';
export { buildOrderStatusMessage, validateOrderStatus, canTransition, normalizeOrderStatus, canCancel } from './orderStatus';
export { parseWebhook } from './webhooks';
export { verifySignature, signBody, verifyChallenge } from './signatures';
export { normalizePayment } from './payments';
