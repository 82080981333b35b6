/**
 * The browser script that mounts GraphiQL (graphiql's UMD build on React 18's UMD globals). It is served as a file,
 * not inlined, so the page's Content-Security-Policy can allow scripts from this origin only. It reads its settings
 * from the page's `#graphiql-config` JSON block (see page.ts).
 *
 * Two GraphiQL 4.1 behaviours it works around:
 * - Tabs are kept in localStorage, where they would outlive the dev token (a new one at every start) and the
 *   examples. So storage is namespaced by a fingerprint of the page settings, and other namespaces are dropped.
 * - The first of `defaultTabs` opens with an empty variables editor: initial variables come only from storage. So a
 *   fresh namespace is seeded with that tab's variables.
 * The dev token is also given to the fetcher because GraphiQL's first schema introspection can run before the
 * headers editor exists; a header typed in the editor still wins.
 */
export const BOOT_SCRIPT = `"use strict";
(function () {
  var PREFIX = "cards-graphiql:";

  function memoryStorage() {
    var items = new Map();
    return {
      getItem: function (key) { return items.has(key) ? items.get(key) : null; },
      setItem: function (key, value) { items.set(key, String(value)); },
      removeItem: function (key) { items.delete(key); },
      key: function (index) { return Array.from(items.keys())[index] ?? null; },
      get length() { return items.size; },
    };
  }

  function browserStorage() {
    try {
      window.localStorage.length;
      return window.localStorage;
    } catch (e) {
      return memoryStorage(); // storage disabled: state lasts as long as the page
    }
  }

  function keysOf(storage) {
    var keys = [];
    for (var i = 0; i < storage.length; i++) keys.push(storage.key(i));
    return keys;
  }

  function namespacedStorage(fingerprint) {
    var backing = browserStorage();
    var own = PREFIX + fingerprint + ":";
    keysOf(backing).forEach(function (key) {
      if (key.indexOf(PREFIX) === 0 && key.indexOf(own) !== 0) backing.removeItem(key);
    });
    var mine = function () {
      return keysOf(backing).filter(function (key) { return key.indexOf(own) === 0; });
    };
    return {
      getItem: function (key) { return backing.getItem(own + key); },
      setItem: function (key, value) { backing.setItem(own + key, value); },
      removeItem: function (key) { backing.removeItem(own + key); },
      clear: function () { mine().forEach(function (key) { backing.removeItem(key); }); },
      get length() { return mine().length; },
    };
  }

  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var storage = namespacedStorage(config.fingerprint);
  var first = config.tabs[0];
  if (storage.getItem("graphiql:tabState") === null && first && first.variables) storage.setItem("graphiql:variables", first.variables);
  var props = {
    fetcher: GraphiQL.createFetcher({
      url: config.endpoint,
      headers: config.headers ? JSON.parse(config.headers) : {},
      enableIncrementalDelivery: false,
    }),
    defaultTabs: config.tabs,
    defaultHeaders: config.headers,
    shouldPersistHeaders: true,
    defaultEditorToolsVisibility: "variables",
    storage: storage,
  };
  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(GraphiQL, props));
})();
`;
