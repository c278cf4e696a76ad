// kg serve: YASGUI on this server's endpoint, with the query library as examples.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var endpoint = new URL(root.getAttribute("data-endpoint"), window.location.href).href;
  var examples = JSON.parse(document.getElementById("kg-examples").textContent);
  // Only completions that need no network: the LOV look-ups for classes and properties are off.
  Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: { value: root.getAttribute("data-default-query") }
  });
  window.kgYasgui = yasgui;
  document.querySelectorAll("button[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = examples[Number(button.getAttribute("data-example"))];
      var tab = yasgui.addTab(true, Object.assign({}, Yasgui.Tab.getDefaults(yasgui), {
        name: example.title, yasqe: { value: example.query }
      }));
      tab.setQuery(example.query);
    });
  });
})();
