// The file store's public face (issue 16). An owning module registers how to
// tell who may see its records (registerFileOwner, from its index.ts), links
// files to a record inside its own transaction (attach) and reads them back.
export { attach, attachmentCounts, attachmentsOf, photoLinkedVisible, registerFileOwner, uploadDocument, type OwnerVisible } from './files.service.ts';
export { fileRoutes } from './files.routes.ts';
