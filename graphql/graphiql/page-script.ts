/**
 * Browser code wrapped around GraphiQL's render call (a string: it runs in the page, not here).
 *
 * - `#token=<jwt>` in the URL (what `npm start` prints) becomes the Authorization header of every
 *   tab, stored ones included; the fragment never reaches the server, and is dropped from the
 *   address bar and history once read.
 * - Introspection that answers 401 (no token yet, or a wrong one) is held and retried with the
 *   Authorization typed next under Headers, so the docs load once a token is set instead of
 *   showing "Error fetching schema" until someone finds the refresh icon.
 */
export const GRAPHIQL_PAGE_SCRIPT = `(function (render) {
  var PREFIX = "graphiql:";
  var authorization = null;
  var waiting = [];
  function headersOf(json) {
    try {
      var parsed = JSON.parse(json || "{}");
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
    } catch (error) {
      return {};
    }
  }
  function authorizationOf(json) {
    var headers = headersOf(json);
    var name = Object.keys(headers).find(function (key) { return key.toLowerCase() === "authorization"; });
    return name && typeof headers[name] === "string" && headers[name].trim() ? headers[name] : null;
  }
  function withToken(json, token) {
    var headers = headersOf(json);
    Object.keys(headers).forEach(function (key) { if (key.toLowerCase() === "authorization") delete headers[key]; });
    headers.Authorization = "Bearer " + token;
    return JSON.stringify(headers, null, 2);
  }
  function tokenFromFragment() {
    var match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (!match) return null;
    history.replaceState(history.state, "", location.pathname + location.search);
    return decodeURIComponent(match[1]);
  }
  function applyToken(options, token) {
    options.headers = withToken(options.headers, token);
    options.defaultTabs = (options.defaultTabs || []).map(function (tab) {
      return Object.assign({}, tab, { headers: withToken(tab.headers, token) });
    });
    try {
      if (localStorage.getItem(PREFIX + "headers") !== null) localStorage.setItem(PREFIX + "headers", withToken(localStorage.getItem(PREFIX + "headers"), token));
      var stored = JSON.parse(localStorage.getItem(PREFIX + "tabState") || "null");
      if (stored && Array.isArray(stored.tabs)) {
        stored.tabs.forEach(function (tab) { tab.headers = withToken(tab.headers, token); });
        localStorage.setItem(PREFIX + "tabState", JSON.stringify(stored));
      }
    } catch (error) {
      console.warn("GraphiQL: could not update the stored tabs with the token", error);
    }
  }
  function isIntrospection(init) {
    if (!init || typeof init.body !== "string") return false;
    try {
      return JSON.parse(init.body).operationName === "IntrospectionQuery";
    } catch (error) {
      return false;
    }
  }
  var fetchOnce = window.fetch.bind(window);
  window.fetch = async function (input, init) {
    if (!isIntrospection(init)) return fetchOnce(input, init);
    for (;;) {
      var response = await fetchOnce(input, init);
      if (response.status !== 401) return response;
      await new Promise(function (resolve) { waiting.push(resolve); });
      var headers = new Headers(init.headers);
      headers.set("authorization", authorization);
      init = Object.assign({}, init, { headers: headers });
    }
  };
  return function (root, options) {
    var token = tokenFromFragment();
    if (token) applyToken(options, token);
    var onEditHeaders = options.onEditHeaders;
    options.onEditHeaders = function (value) {
      var typed = authorizationOf(value);
      if (typed && typed !== authorization) {
        authorization = typed;
        waiting.splice(0).forEach(function (resolve) { resolve(); });
      }
      if (onEditHeaders) onEditHeaders(value);
    };
    return render(root, options);
  };
})`;
