/* Stands in, on the test class path only, for a module the widget loads on first use (such as a future
   parley-account.js): StaticAssets must serve any script beside parley.js as it serves parley.js. It is
   longer than the 256 bytes below which Parley sends a body without gzip. */
(() => {
  'use strict';
  window.parleyExampleModule = {loaded: true, purpose: 'a stand-in for a lazily loaded widget module'};
})();
