/* kg viz: search, filters, legend, drill-down and physics control for the network page.
 *
 * Text from the document is untrusted: it is only ever put into the page with textContent,
 * option.text or vis-network's plain-text titles; never with innerHTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var legend = data.legend;
  var corpus = data.corpus; // a corpus above the node limit: a map per year, a view per department and year
  var $ = function (id) { return document.getElementById(id); };
  var INDICATOR = "indicator";
  var OWNERS = { project: true, activity: true };

  var state = {
    view: null, year: corpus ? corpus.year : null, search: "", tier: "", cmp: "", min: null, owner: "",
    hiddenKinds: {}, tierEdges: false, settled: false
  };
  var current = { nodes: null, edges: null, records: [], byId: {}, neighbours: {} };

  var network = null; // created with the first view, so its first stabilization is that view's

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.text = text;
    return o;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* ---- views: the whole graph, or a map per year and one view per department and year ---- */

  function onMap() { var view = data.views[state.view]; return !!(view && view.map); }

  function loadView(key) {
    var view = data.views[key];
    if (!view) return;
    state.view = key;
    showInfo(null); // the details shown were of a node of the view left
    if (corpus && view.year !== undefined && view.year !== state.year) {
      state.year = view.year;
      fillDepartments();
    }
    state.owner = ""; state.tier = ""; state.cmp = ""; state.min = null;
    current.records = view.nodes;
    current.byId = {};
    current.neighbours = {};
    view.nodes.forEach(function (n) {
      n.search = (n.name + " " + (n.code || "")).toLowerCase();
      current.byId[n.id] = n;
      current.neighbours[n.id] = [];
    });
    view.edges.forEach(function (e) {
      current.neighbours[e.from].push(e.to);
      current.neighbours[e.to].push(e.from);
    });
    current.nodes = new vis.DataSet(view.nodes.map(function (n) { return Object.assign({}, n, { hidden: false }); }));
    // An edge carries its ends and relation; the relation's style gives its look and label.
    current.edges = new vis.DataSet(view.edges.map(function (e, i) {
      return Object.assign({ id: "e" + i }, data.edgeStyles[e.rel], e, { hidden: false });
    }));
    if (network) state.settled = false;
    fillFilters();
    fillLegend();
    showBanner();
    apply(false);
    if (!network) {
      network = new vis.Network($("network"), { nodes: current.nodes, edges: current.edges }, data.options);
      bindNetwork();
    } else {
      startPhysics();
      network.setData({ nodes: current.nodes, edges: current.edges });
    }
    if (view.map) settle(); // a map is laid out already: no physics to wait for
    if (corpus) {
      $("year").value = state.year;
      $("department").value = view.map ? "" : key;
    }
  }

  function yearText(year) { return year ? year + " 年" : "年度不详"; }

  /* The departments with a budget in the chosen year, for the department selector. */
  function fillDepartments() {
    var select = $("department");
    clear(select);
    var shown = corpus.budgets.filter(function (b) { return b.year === state.year; });
    select.add(option("", "总览：" + yearText(state.year) + "，" + shown.length + " 个部门"));
    shown.forEach(function (b) {
      select.add(option(b.id, (b.place ? b.place + " · " : "") + b.label + (b.code ? "（" + b.code + "）" : "") + " · " + b.nodes + " 个节点"));
    });
  }

  /* Another year: the same department's budget that year if it has one, else that year's map. */
  function chooseYear(year) {
    var current = corpus.budgets.filter(function (b) { return b.id === state.view; })[0];
    var same = current && corpus.budgets.filter(function (b) { return b.dept === current.dept && b.year === year; })[0];
    state.year = year;
    fillDepartments();
    loadView(same ? same.id : corpus.overviews[year]);
  }

  function showBanner() {
    var banner = $("banner");
    $("drill").classList.toggle("hidden", !corpus);
    var map = onMap();
    Array.prototype.forEach.call(document.querySelectorAll(".indicator-filter"), function (node) {
      node.classList.toggle("hidden", map || (node.id === "preset-satisfaction" && !data.satisfaction));
    });
    $("owner-label").classList.toggle("hidden", map);
    if (!corpus) { banner.style.display = "none"; return; }
    banner.style.display = "block";
    banner.textContent = map
      ? "图谱共有 " + data.graphNodes + " 个节点，超过每页上限 " + data.maxNodes + " 个，这里先显示 " + yearText(state.year) +
        "的地区和部门总览：省、市、区县及其下的部门，标签和提示中是各自的" + legend.captions.figures +
        "等数目。在上方选择年度和部门（或双击部门节点）查看该部门当年的全部项目、活动和指标。"
      : "正在查看一个部门 " + yearText(state.year) + "的预算。选择“总览”返回地区和部门总览。";
  }

  /* ---- filters ---- */

  function fillFilters() {
    var owner = $("owner");
    clear(owner);
    owner.add(option("", "全部项目和活动"));
    var owners = current.records.filter(function (n) { return OWNERS[n.kind]; });
    owners.sort(function (a, b) { return a.kind === b.kind ? a.name.localeCompare(b.name, "zh") : (a.kind === "activity" ? -1 : 1); });
    owners.forEach(function (n) {
      owner.add(option(n.id, (n.kind === "activity" ? "活动：" : "项目：") + n.name + (n.code ? "（" + n.code + "）" : "")));
    });
    owner.disabled = owners.length === 0;

    var present = {};
    current.records.forEach(function (n) { if (n.tier1) present[n.tier1] = true; if (n.tier2) present[n.tier2] = true; });
    var tier = $("tier");
    clear(tier);
    tier.add(option("", "全部"));
    legend.tierOptions.forEach(function (t) {
      if (present[t.id]) tier.add(option(t.id, (t.level === 2 ? "　　" : "") + t.label));
    });

    var comparators = {};
    current.records.forEach(function (n) { if (n.kind === INDICATOR && n.cmp) comparators[n.cmp] = (comparators[n.cmp] || 0) + 1; });
    var cmp = $("comparator");
    clear(cmp);
    cmp.add(option("", "全部"));
    Object.keys(comparators).sort().forEach(function (c) { cmp.add(option(c, c + "（" + comparators[c] + "）")); });
    $("min-value").value = "";

    var preset = $("preset-satisfaction");
    if (data.satisfaction) preset.textContent = "只看 " + data.satisfaction.label;
  }

  function indicatorFilterOn() { return !!(state.tier || state.cmp || state.min !== null); }

  function passes(n) {
    return (!state.owner || n.owner === state.owner) &&
      (!state.tier || n.tier1 === state.tier || n.tier2 === state.tier) &&
      (!state.cmp || n.cmp === state.cmp) &&
      (state.min === null || (n.val != null && n.val >= state.min));
  }

  function searchHits() {
    var q = state.search.trim().toLowerCase();
    if (!q) return null;
    return current.records.filter(function (n) { return n.search.indexOf(q) !== -1; });
  }

  /* Which nodes the filters, the search and the legend leave visible. */
  function visibleSet(hits) {
    var visible = {};
    var byId = current.byId;
    function add(id) { if (id && byId[id]) visible[id] = true; }
    var filtering = indicatorFilterOn();
    current.records.forEach(function (n) {
      if (n.kind === INDICATOR) {
        if (passes(n)) { add(n.id); add(n.owner); add(n.tier2); add(n.tier1); add(n.dept); }
      } else if (OWNERS[n.kind]) {
        if (!filtering && (!state.owner || n.id === state.owner)) { add(n.id); add(n.dept); }
      } else if (!filtering && !state.owner) {
        add(n.id);
      }
    });
    if (hits) {
      var near = {};
      hits.forEach(function (n) {
        near[n.id] = true;
        current.neighbours[n.id].forEach(function (m) { near[m] = true; });
      });
      Object.keys(visible).forEach(function (id) { if (!near[id]) delete visible[id]; });
    }
    Object.keys(visible).forEach(function (id) { if (state.hiddenKinds[byId[id].kind]) delete visible[id]; });
    return visible;
  }

  function apply(fit) {
    var hits = searchHits();
    var visible = visibleSet(hits);
    var changes = [];
    current.nodes.forEach(function (n) {
      var hidden = !visible[n.id];
      if (n.hidden !== hidden) changes.push({ id: n.id, hidden: hidden });
    });
    if (changes.length) current.nodes.update(changes);
    var edgeChanges = [];
    current.edges.forEach(function (e) {
      var hidden = e.rel === "tier" && !state.tierEdges && !state.tier;
      if (e.hidden !== hidden) edgeChanges.push({ id: e.id, hidden: hidden });
    });
    if (edgeChanges.length) current.edges.update(edgeChanges);
    showResults(hits);
    showStatus();
    if (fit) {
      var ids = Object.keys(visible);
      if (ids.length) network.fit({ nodes: ids, animation: { duration: 400 } });
    }
  }

  function showResults(hits) {
    var list = $("results");
    clear(list);
    if (!hits) return;
    if (!hits.length) { list.appendChild(el("li", "没有找到匹配的节点", "more")); return; }
    hits.slice(0, 40).forEach(function (n) {
      var item = el("li", (n.code ? n.code + " " : "") + n.name);
      item.title = n.name;
      item.addEventListener("click", function () { select(n.id); });
      list.appendChild(item);
    });
    if (hits.length > 40) list.appendChild(el("li", "…… 共 " + hits.length + " 个匹配", "more"));
  }

  function visibleNodeIds() {
    return current.nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; });
  }

  function showStatus() {
    var shown = visibleNodeIds().length;
    $("status").textContent = "显示 " + shown + " / " + current.records.length + " 个节点 · " +
      (state.settled ? "布局已稳定，物理模拟已停止" : "正在布局…");
  }

  /* ---- legend ---- */

  function swatch(shape, colour, small) {
    var s = el("span", null, "swatch " + shape + (small ? " small dot" : ""));
    if (shape === "triangle") s.style.borderBottomColor = colour; else s.style.background = colour;
    return s;
  }

  function fillLegend() {
    var box = $("legend");
    clear(box);
    var counts = {};
    current.records.forEach(function (n) { counts[n.kind] = (counts[n.kind] || 0) + 1; });
    legend.kinds.forEach(function (k) {
      if (!counts[k.kind]) return;
      var item = el("label", null, "legend-item");
      var check = document.createElement("input");
      check.type = "checkbox";
      check.checked = !state.hiddenKinds[k.kind];
      check.dataset.kind = k.kind;
      check.addEventListener("change", function () {
        if (check.checked) delete state.hiddenKinds[k.kind]; else state.hiddenKinds[k.kind] = true;
        apply(false);
      });
      item.appendChild(check);
      item.appendChild(swatch(k.shape, k.color));
      item.appendChild(el("span", k.label + (k.byTier ? "（颜色见下）" : "")));
      item.appendChild(el("span", String(counts[k.kind]), "count"));
      box.appendChild(item);
    });
    var tiers = $("tier-legend");
    clear(tiers);
    var present = {};
    current.records.forEach(function (n) { if (n.tier1) present[n.tier1] = true; });
    var shown = legend.tiers.filter(function (t) { return present[t.id]; });
    if (shown.length) {
      tiers.appendChild(el("div", "指标和指标类别按" + legend.captions.tier1 + "着色：", "note"));
      shown.forEach(function (t) {
        var item = el("div", null, "legend-item");
        item.appendChild(swatch("dot", t.color, true));
        item.appendChild(el("span", t.label));
        tiers.appendChild(item);
      });
    }
    $("legend-note").textContent = onMap()
      ? "箭头：部门 → 所在地区 → 上级地区。第二行数字：该年度的" + legend.captions.figures + "数。"
      : "圆点大小表示" + legend.captions.amount + "（万元）。箭头：部门 → " + legend.relations.hasProject +
        " / " + legend.relations.hasActivity + " → " + legend.relations.hasTarget + " → " + legend.relations.tier + "。";
  }

  /* ---- details of one node ---- */

  function select(id) {
    var n = current.byId[id];
    if (!n) return;
    if (current.nodes.get(id).hidden) { resetFilters(false); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    showInfo(id);
  }

  function showInfo(id) {
    var n = current.byId[id];
    var actions = $("info-actions");
    clear(actions);
    $("info-card").classList.toggle("hidden", !n);
    if (!n) return;
    var lines = n.title.split("\n");
    $("info-title").textContent = lines[0];
    $("info").textContent = lines.slice(1).join("\n");
    if (OWNERS[n.kind]) {
      var only = el("button", "只看此项");
      only.type = "button";
      only.addEventListener("click", function () { $("owner").value = id; state.owner = id; apply(true); });
      actions.appendChild(only);
    }
    if (n.open && data.views[n.open]) {
      var open = el("button", "查看此部门 " + yearText(state.year) + "的全部项目和指标");
      open.type = "button";
      open.addEventListener("click", function () { loadView(n.open); });
      actions.appendChild(open);
    }
  }

  /* ---- physics: settle, then stop ---- */

  function startPhysics() {
    state.settled = false;
    $("loading").classList.remove("hidden");
    $("loading").textContent = "正在布局…";
    network.setOptions({ physics: { enabled: true } });
  }

  /* The tier concepts form a key in a column right of the settled layout (they take no part
   * in the physics; see layout_hints), keeping the spacing networkx gave them. */
  function placeTierColumn() {
    var isTier = function (n) { return n.kind === "tier1" || n.kind === "tier2"; };
    var tiers = current.records.filter(isTier).map(function (n) { return n.id; });
    var others = current.records.filter(function (n) { return !isTier(n); }).map(function (n) { return n.id; });
    if (!tiers.length || !others.length) return;
    var bounds = function (ids) {
      var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
      var positions = network.getPositions(ids);
      ids.forEach(function (id) {
        var p = positions[id];
        box.left = Math.min(box.left, p.x); box.right = Math.max(box.right, p.x);
        box.top = Math.min(box.top, p.y); box.bottom = Math.max(box.bottom, p.y);
      });
      return { box: box, positions: positions };
    };
    var rest = bounds(others).box;
    var column = bounds(tiers);
    var dx = rest.right + 260 - column.box.left;
    var dy = (rest.top + rest.bottom) / 2 - (column.box.top + column.box.bottom) / 2;
    tiers.forEach(function (id) { network.moveNode(id, column.positions[id].x + dx, column.positions[id].y + dy); });
  }

  function settle() {
    if (state.settled) return;
    network.setOptions({ physics: { enabled: false } });
    placeTierColumn();
    network.fit();
    // A view set up without physics is fitted before its labels are measured: once more when drawn.
    network.once("afterDrawing", function () { network.fit(); });
    state.settled = true;
    $("loading").classList.add("hidden");
    showStatus();
  }

  function bindNetwork() {
    network.on("stabilizationProgress", function (p) {
      $("loading").textContent = "正在布局… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.on("stabilizationIterationsDone", settle);
    network.on("stabilized", settle);
    network.on("click", function (params) { showInfo(params.nodes.length ? params.nodes[0] : null); });
    network.on("doubleClick", function (params) {
      if (!params.nodes.length) return;
      var n = current.byId[params.nodes[0]];
      if (n && n.open && data.views[n.open]) loadView(n.open);
    });
  }

  /* ---- wiring ---- */

  function resetFilters(fit) {
    state.owner = ""; state.tier = ""; state.cmp = ""; state.min = null; state.search = "";
    $("owner").value = ""; $("tier").value = ""; $("comparator").value = ""; $("min-value").value = ""; $("search").value = "";
    apply(fit);
  }

  $("search").addEventListener("input", function () { state.search = this.value; apply(true); });
  $("search").addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var hits = searchHits();
    if (hits && hits.length) select(hits[0].id);
  });
  $("owner").addEventListener("change", function () { state.owner = this.value; apply(true); });
  $("tier").addEventListener("change", function () { state.tier = this.value; apply(true); });
  $("comparator").addEventListener("change", function () { state.cmp = this.value; apply(true); });
  $("min-value").addEventListener("input", function () {
    var v = parseFloat(this.value);
    state.min = isNaN(v) ? null : v;
    apply(true);
  });
  $("preset-satisfaction").addEventListener("click", function () {
    state.tier = data.satisfaction.tier; state.min = data.satisfaction.min; state.cmp = "";
    $("tier").value = state.tier; $("min-value").value = String(state.min); $("comparator").value = "";
    apply(true);
  });
  $("reset").addEventListener("click", function () { resetFilters(true); });
  $("tier-edges").addEventListener("change", function () { state.tierEdges = this.checked; apply(false); });
  $("relayout").addEventListener("click", function () { startPhysics(); network.stabilize(); });
  $("info-close").addEventListener("click", function () { showInfo(null); });
  $("fit").addEventListener("click", function () { network.fit({ animation: { duration: 400 } }); });
  $("department").addEventListener("change", function () { loadView(this.value || corpus.overviews[state.year]); });
  $("year").addEventListener("change", function () { chooseYear(this.value); });

  if (corpus) {
    corpus.years.forEach(function (year) { $("year").add(option(year, yearText(year))); });
    fillDepartments();
  }

  loadView(data.initial);

  /* For tests and for the curious: the page's state, read-only in spirit. */
  window.kgView = {
    get network() { return network; },
    get nodes() { return current.nodes; },
    get edges() { return current.edges; },
    get settled() { return state.settled; },
    get view() { return state.view; },
    get year() { return state.year; },
    visibleNodeIds: visibleNodeIds,
    loadView: loadView
  };
})();
