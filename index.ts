// Library API of n8n-nodes-whatsapp-payments. n8n itself loads the nodes and the credential through
// package.json "n8n"; these exports are for code (and outside checks) that use the core directly.
export * from './core';
export { WhatsAppPayments } from './nodes/WhatsAppPayments/WhatsAppPayments.node';
export { WhatsAppPaymentsTrigger } from './nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
export { WhatsAppPaymentsApi } from './credentials/WhatsAppPaymentsApi.credentials';
export { WhatsAppCheckoutTrigger } from './nodes/WhatsAppCheckoutTrigger/WhatsAppCheckoutTrigger.node';
export { WhatsAppCheckoutEndpointApi } from './credentials/WhatsAppCheckoutEndpointApi.credentials';
