// Karma configuration for `ng test` (builder @angular/build:karma).
// Runs the specs once in headless Chromium; as root, Chromium needs --no-sandbox.
const path = require('node:path');

process.env.CHROME_BIN ??= '/usr/bin/chromium';

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require(path.join(__dirname, 'karma-summary-reporter.cjs')),
    ],
    client: {
      jasmine: { random: true },
      clearContext: true,
    },
    reporters: ['progress', 'summary'],
    browsers: ['ChromeHeadlessCi'],
    customLaunchers: {
      ChromeHeadlessCi: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    },
    browserNoActivityTimeout: 60000,
    captureTimeout: 60000,
    singleRun: true,
    autoWatch: false,
    restartOnFileChange: false,
  });
};
