/**
 * Imported first by a benchmark: the app runs as in production (`NODE_ENV=production`), where it
 * does not check each JSON answer against its schema (a check of the tests, costly on a large
 * dashboard). ES modules run in import order, so this runs before the app's modules load.
 */
process.env.NODE_ENV = 'production';
