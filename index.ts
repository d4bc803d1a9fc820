// Library API of n8n-nodes-whatsapp-payments (n8n itself loads the nodes through package.json "n8n").
export * from './core';
