/** Excel template of a unit's campaign and import of a filled template or CSV. Needs the database and DataEntryService (every value goes through it). */
export { registerCollectionImportRoutes } from './collection-import-routes.js';
export { CollectionImportService } from './collection-import-service.js';
