/** The indicator catalogue: dimensions, indicators (revisions), targets, consistency rules. Needs the database and the clock (revisions in force today). */
export { registerCatalogueRoutes, type CatalogueServices } from './catalogue-routes.js';
export { DimensionService } from './dimension-service.js';
export { IndicatorService } from './indicator-service.js';
export { TargetService } from './target-service.js';
export { RuleService } from './rule-service.js';
